// The sentences of a refused action in German (src/error/wording/refusal.rs has the English).
import type { RefusalSays } from '../../bindings';

export const refusalDe: Record<RefusalSays, string> = {
  accepted_not_revised: 'Angebot {offer} Version {version} kann nicht überarbeitet werden: Es ist angenommen; erstellen Sie ein neues Angebot.',
};
