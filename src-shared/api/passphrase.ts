import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

export const PASSPHRASE_MIN_LENGTH = 12;
/** zxcvbn score (0–4) below which a passphrase is refused as weak. */
export const PASSPHRASE_MIN_SCORE = 3;
/** Generous ceiling so a pasted novel cannot stall the key derivation input. */
export const PASSPHRASE_MAX_LENGTH = 1024;

let estimator: ZxcvbnFactory | undefined;
function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return estimator;
}

export type PassphraseVerdict = 'too_short' | 'weak' | 'fair' | 'strong' | 'very_strong';

export interface PassphraseStrength {
  /** 0–4, as zxcvbn scores it; 0 when shorter than the minimum. */
  score: number;
  verdict: PassphraseVerdict;
  acceptable: boolean;
}

/**
 * One judgement of strength for the form that shows it and the core that
 * enforces it, so the two can never disagree.
 */
export function assessPassphrase(passphrase: string): PassphraseStrength {
  const length = [...passphrase].length;
  // zxcvbn only looks at the first 100 characters for speed; longer is strong anyway.
  const score = length === 0 ? 0 : getEstimator().check(passphrase.slice(0, 100)).score;
  if (length < PASSPHRASE_MIN_LENGTH) return { score: Math.min(score, 1), verdict: 'too_short', acceptable: false };
  const verdicts: PassphraseVerdict[] = ['weak', 'weak', 'weak', 'strong', 'very_strong'];
  const verdict = score === 2 ? 'fair' : (verdicts[score] ?? 'weak');
  return { score, verdict, acceptable: score >= PASSPHRASE_MIN_SCORE && length <= PASSPHRASE_MAX_LENGTH };
}
