// The UI's door to the core: the generated commands, with their typed errors
// thrown as `CommandError` so components can await results directly.
import { commands, type ErrorKind, type ErrorPayload, type Result } from './bindings';

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
};

/** A message for any error, typed or not. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
