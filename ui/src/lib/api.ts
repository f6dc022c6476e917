// The UI's door to the core: the generated commands, with their typed errors
// thrown as `CommandError` so components can await results directly.
import { commands, type ErrorKind, type ErrorPayload, type ItemDraft, type Result } from './bindings';

export class CommandError extends Error {
  readonly kind: ErrorKind;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'CommandError';
    this.kind = payload.kind;
  }
}

export async function unwrap<T>(pending: Promise<Result<T, ErrorPayload>>): Promise<T> {
  const result = await pending;
  if (result.status === 'error') throw new CommandError(result.error);
  return result.data;
}

export const api = {
  appInfo: () => unwrap(commands.appInfo()),
  catalogList: (text: string) => unwrap(commands.catalogList({ text, kind: null })),
  catalogItem: (id: number) => unwrap(commands.catalogItem(id)),
  /** One item as an editable record (the portfolio file's record). */
  catalogRecord: (code: string) => unwrap(commands.catalogRecord(code)),
  /** Every rule the draft would break; writes nothing. */
  catalogCheck: (draft: ItemDraft) => unwrap(commands.catalogCheck(draft)),
  /** Saves the draft in one transaction; refused with kind `rule_violations` if it breaks a rule. */
  catalogSave: (draft: ItemDraft) => unwrap(commands.catalogSave(draft)),
  catalogDelete: (code: string) => unwrap(commands.catalogDelete(code)),
  /** Takes back the newest edit of the session; kind `nothing_to_undo` when there is none. */
  catalogUndo: () => unwrap(commands.catalogUndo()),
  catalogGraph: () => unwrap(commands.catalogGraph()),
};

/** A message for any error, typed or not. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
