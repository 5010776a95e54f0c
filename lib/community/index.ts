/** Community life's rules, shared by the extension's views and tests: pure functions. */
export {
  DAY_MS,
  dueForReview,
  lastVerifiedAt,
  openUpdateRequests,
  reviewIntervalDays,
  reviewState,
  type ReviewState,
} from './review';
export { stanceAgreement, type StanceAgreement } from './stance';
export {
  answeredBy,
  marked,
  meToo,
  newAnswers,
  type AnsweringTip,
  type AskedQuestion,
  type NewAnswer,
} from './questions';
export {
  markedBy,
  needsReview,
  reviewOrder,
  standing,
  stateLines,
  tipBadge,
  type StateLine,
  type StateTone,
  type TipBadge,
} from './signals';
export {
  moveStep,
  startHereOpen,
  startHerePath,
  stepLine,
  stepOnPage,
  type PathProgress,
  type StepOnPage,
} from './paths';
export {
  agreeingWords,
  agreementStatus,
  communityStanceLine,
  POSITION_WORDS,
  positionWord,
  subjectName,
} from './stance-words';
export { markNoteProblem, markWords } from './mark-words';
