import { applyNoticeRules, type NoticeRulesDecision } from './notice-rules.js';
import type { NoticeIntent } from './notice-contracts.js';

describe('applyNoticeRules', () => {
  const b2b: NoticeRulesDecision = { suppressed: ['JOURNEY_STEP'], urgent: ['DELAY_WARNING'] };
  it.each<[string, NoticeRulesDecision | null, NoticeIntent['topic'], NoticeIntent['urgency'], ReturnType<typeof applyNoticeRules>]>([
    ['no rules: sent as tracking asked', null, 'JOURNEY_STEP', undefined, { send: true, urgency: 'NORMAL' }],
    ['no rules keep an urgent intent urgent', null, 'DELAY_WARNING', 'URGENT', { send: true, urgency: 'URGENT' }],
    ['a suppressed kind is not sent', b2b, 'JOURNEY_STEP', 'URGENT', { send: false }],
    ['an urgent kind skips quiet hours', b2b, 'DELAY_WARNING', 'NORMAL', { send: true, urgency: 'URGENT' }],
    ['a kind the rules do not name is untouched', b2b, 'BATCH_PROGRESS', undefined, { send: true, urgency: 'NORMAL' }],
  ])('%s', (_label, decision, topic, urgency, expected) => {
    expect(applyNoticeRules(decision, { topic, ...(urgency ? { urgency } : {}) })).toEqual(expected);
  });
});
