import { transition, type Case, type CaseEvent } from '../../src/notice/cases.ts';
import type { TemplateId } from '../../src/notice/templates.ts';
import type { Detection } from '../../src/registry/schema.ts';
import type { Registry } from '../../src/registry/store.ts';

/** The case a detection is, as src/notice/cases.ts sees it. */
export function caseOf(detection: Detection, workTitle?: string): Case {
  return { ...detection, createdAt: detection.firstSeen, ...(workTitle ? { workTitle } : {}) };
}

/** Applies case events in order and stores the result; throws when the lifecycle refuses a move. */
export async function moveCase(registry: Registry, detection: Detection, events: CaseEvent[]): Promise<Detection> {
  let current = caseOf(detection);
  for (const event of events) {
    const result = transition(current, event);
    if (!result.ok) throw new Error(result.error);
    current = result.case;
  }
  return registry.saveCase(detection.id, current);
}

/**
 * The events that take a case to "notice drafted" from where it is: a new case is reviewed first,
 * a closed one reopened. A case already sent stays sent: a redraft does not undo that.
 */
export function draftEvents(detection: Detection, templateId: TemplateId, at: string): CaseEvent[] {
  switch (detection.status) {
    case 'new':
      return [{ type: 'review', at }, { type: 'draft', at, templateId }];
    case 'reviewed':
    case 'drafted':
      return [{ type: 'draft', at, templateId }];
    case 'dismissed':
    case 'allowed':
    case 'resolved':
      return [{ type: 'reopen', at }, { type: 'draft', at, templateId }];
    case 'sent':
      return [];
  }
}
