/** The legal rules about making an order (shared/domain/legal-rules.md): one pure function per rule id. */
export * from './catalogue';
export * from './rule-context';
export { ruleNumbers, initialEnd, currentEnd, orderSpan, runningUntil } from './rule-helpers';
export * from './check-order';
export * from './gw172a-person';
export * from './gw172a-duration';
export * from './gw172a-measures';
export * from './gw172a-lifecycle';
export * from './gw172-3';
export * from './apv';
export { apvStepOf, allowedStep, qualifyingPriors, type ApvPrior } from './apv-ladder';
export * from './apv-shoplifting';
export * from './mandate';
export * from './awb-hearing-motivation';
export * from './awb-notification';
