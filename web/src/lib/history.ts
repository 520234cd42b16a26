import type { HistoryEvent, TicketStatus } from '../api/types';
import { categoryLabel, type I18n } from '../i18n';
import { attachedNames } from './attachments';

type Words = Pick<I18n, 't' | 'formatDateTime'>;

/** Words for a category slug (its configured name when known). */
export type CategoryWords = (slug: string) => string;

/**
 * A history event in words, one line per fact: "Prioridad: Media → Alta", "Asignado a Tomás Técnico". Each event
 * type has its own payload in the API's document, so every case below reads typed fields.
 */
export function describeEvent(event: HistoryEvent, { t, formatDateTime }: Words, categoryWords?: CategoryWords): string[] {
  const status = (s: TicketStatus) => t(`status.${s}`);
  // The files a change brought, by name: "Adjuntos: captura-2026-12-07-2015.png, factura.pdf".
  const attached = (files: readonly { fileName: string }[] | null | undefined) =>
    files?.length ? [t('history.attachments', { names: attachedNames(files) })] : [];
  const category = (c: string | null | undefined) => (c ? (categoryWords ?? ((s: string) => categoryLabel(s, t)))(c) : t('history.noCategory'));

  switch (event.type) {
    case 'created':
      return [
        ...(event.data.channel === 'email' ? [t('history.openedByEmail')] : []),
        t('history.priority', { value: t(`priority.${event.data.priority}`) }),
        ...(event.data.category ? [t('history.category', { value: category(event.data.category) })] : []),
        ...(event.data.team ? [t('history.team', { value: event.data.team.name })] : []),
        ...attached(event.data.attachments),
      ];
    case 'updated': {
      const { title, description, category: changed } = event.data.changes;
      return [
        ...(title ? [t('history.titleChange', { before: title.before ?? '', after: title.after ?? '' })] : []),
        ...(description ? [t('history.descriptionChanged')] : []),
        ...(changed ? [t('history.categoryChange', { before: category(changed.before), after: category(changed.after) })] : []),
      ];
    }
    case 'status_changed':
      return [
        t('history.statusChange', { before: status(event.data.from), after: status(event.data.to) }),
        ...(event.data.note
          ? [
              t(event.data.to === 'resolved' ? 'history.resolutionNote' : event.data.to === 'on_hold' ? 'history.holdNote' : 'history.note', {
                note: event.data.note,
              }),
            ]
          : []),
        ...(event.data.reason === 'requester_commented' ? [t('history.reason.requester_commented')] : []),
        ...(event.data.reason === 'merged' ? [t('history.reason.merged')] : []),
        ...attached(event.data.attachments),
      ];
    case 'assigned':
      return [
        event.data.after
          ? t('history.assignedTo', { name: event.data.after.name })
          : t('history.unassigned', { name: event.data.before?.name ?? '—' }),
        // A requester's history carries no reason (staff only); a manual assignment needs no words.
        ...(!event.data.reason || event.data.reason === 'manual' ? [] : [t(`history.assignment.${event.data.reason}`)]),
      ];
    case 'priority_changed':
      return [t('history.priorityChange', { before: t(`priority.${event.data.before}`), after: t(`priority.${event.data.after}`) })];
    case 'commented':
      return [
        ...(event.data.internal ? [t('comment.internal')] : []),
        ...(event.data.channel === 'email' ? [t('history.byEmail')] : []),
        ...attached(event.data.attachments),
      ];
    case 'sla_started':
      return [
        t('history.slaDue', { target: t('history.target.first_response'), at: formatDateTime(event.data.firstResponseDueAt) }),
        t('history.slaDue', { target: t('history.target.resolution'), at: formatDateTime(event.data.resolutionDueAt) }),
      ];
    case 'sla_paused':
      return [event.data.reason === 'on_hold' ? t('history.pausedOnHold') : event.data.reason];
    case 'sla_resumed':
      return [t('history.resumedAfter', { minutes: event.data.pausedMinutes })];
    case 'sla_met':
    case 'sla_warning':
    case 'sla_breached':
      return [t('history.slaDue', { target: t(`history.target.${event.data.target}`), at: formatDateTime(event.data.dueAt) })];
    case 'escalated':
      return [t('history.level', { level: event.data.level })];
    case 'team_changed':
      return [
        t('history.teamChange', {
          before: event.data.from?.name ?? t('history.noTeam'),
          after: event.data.to?.name ?? t('history.noTeam'),
        }),
      ];
    case 'sla_replanned':
      return [
        t('history.replanned', { from: event.data.fromVersion, to: event.data.toVersion }),
        ...(event.data.firstResponseDueAt
          ? [t('history.slaDue', { target: t('history.target.first_response'), at: formatDateTime(event.data.firstResponseDueAt) })]
          : []),
        ...(event.data.resolutionDueAt
          ? [t('history.slaDue', { target: t('history.target.resolution'), at: formatDateTime(event.data.resolutionDueAt) })]
          : []),
      ];
    case 'tags_changed':
      return [
        ...(event.data.added.length ? [t('history.tagsAdded', { tags: event.data.added.join(', ') })] : []),
        ...(event.data.removed.length ? [t('history.tagsRemoved', { tags: event.data.removed.join(', ') })] : []),
      ];
    case 'linked':
    case 'unlinked':
      return [t(`links.type.${event.data.linkType}`) + ' ' + event.data.number];
    case 'merged_into':
      return [t('history.mergedInto', { number: event.data.number })];
    case 'merged_from':
      return [
        t('history.mergedFrom', { number: event.data.number, comments: event.data.comments }),
        ...(event.data.ccsAdded.length ? [t('history.ccsAdded', { names: event.data.ccsAdded.map((p) => p.name).join(', ') })] : []),
      ];
    case 'ccs_changed':
    case 'followers_changed': {
      const [added, removed] = event.type === 'ccs_changed' ? ['history.ccsAdded', 'history.ccsRemoved'] as const : ['history.followersAdded', 'history.followersRemoved'] as const;
      return [
        ...(event.data.added.length ? [t(added, { names: event.data.added.map((p) => p.name).join(', ') })] : []),
        ...(event.data.removed.length ? [t(removed, { names: event.data.removed.map((p) => p.name).join(', ') })] : []),
      ];
    }
    case 'satisfaction_rated':
    case 'satisfaction_commented':
      return [
        t('history.satisfaction', { rating: t(`satisfaction.${event.data.rating}`) }),
        ...(event.data.comment ? [event.data.comment] : []),
      ];
    case 'deleted':
      return [];
    default:
      // An event a newer API added: its kind is said by the line's title, without details.
      return [];
  }
}
