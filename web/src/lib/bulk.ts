import { ApiError } from '../api/problem';
import type { BulkRequest, BulkResult, Priority, Problem, TicketStatus } from '../api/types';

/** A ticket the bulk action left as it was: its number, and its own route's answer as an error to word. */
export interface BulkRefusal {
  id: string;
  number: string;
  error: ApiError;
}

/** What a bulk action did: how many tickets changed, and each refused one with its reason, in the order sent. */
export interface BulkSummary {
  total: number;
  changed: number;
  refused: BulkRefusal[];
}

/**
 * Reads the per-ticket results of `POST /tickets/bulk`. `numbers` names each selected ticket (id → TCK-…); a result
 * for an id the page did not know keeps its id. A refusal without a problem body still carries its status.
 */
export function summarizeBulk(results: readonly BulkResult[], numbers: ReadonlyMap<string, string>): BulkSummary {
  const refused: BulkRefusal[] = [];
  let changed = 0;
  for (const result of results) {
    if (result.status >= 200 && result.status < 300) {
      changed++;
      continue;
    }
    const problem: Problem = (result.problem as Problem | null | undefined) ?? { status: result.status };
    refused.push({ id: result.id, number: numbers.get(result.id) ?? result.id, error: new ApiError(result.status, problem) });
  }
  return { total: results.length, changed, refused };
}

/** The bulk actions the queue offers, in the bar's order. */
export const BULK_ACTIONS = ['assign', 'status', 'priority', 'team'] as const;
export type BulkActionKind = (typeof BULK_ACTIONS)[number];

/** The bar's choices: who to assign ('' unassigns), the status and its note, the priority, the team ('' for none). */
export interface BulkChoice {
  action: BulkActionKind;
  assigneeId: string;
  status: TicketStatus;
  note: string;
  priority: Priority;
  teamId: string;
}

/** The request for `ids`: only the chosen action's own field, with the null that means "nobody" or "no team". */
export function bulkBody(ids: readonly string[], choice: BulkChoice): BulkRequest {
  const base = { ids: [...ids], action: choice.action };
  switch (choice.action) {
    case 'assign':
      return { ...base, assigneeId: choice.assigneeId || null };
    case 'status':
      return { ...base, status: choice.status, ...(choice.note.trim() ? { note: choice.note.trim() } : {}) };
    case 'priority':
      return { ...base, priority: choice.priority };
    case 'team':
      return { ...base, teamId: choice.teamId || null };
  }
}
