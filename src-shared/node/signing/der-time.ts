import { isGeneralizedTime, isUtcTime, malformed, type Node } from './der';

/**
 * The signing-time value (RFC 5652 §11.3): UTCTime YYMMDDHHMMSSZ or
 * GeneralizedTime YYYYMMDDHHMMSSZ, in UTC with seconds and no fractions.
 * forge's own converters also accept offsets and missing seconds; a time
 * that decides whether a certificate was valid is read strictly instead.
 */
export function readDerTime(node: Node | undefined, what: string): Date {
  const text = typeof node?.value === 'string' ? node.value : undefined;
  let digits: RegExpExecArray | null;
  let year: number | undefined;
  if (isUtcTime(node) && text !== undefined) {
    digits = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    // RFC 5280 §4.1.2.5.1: YY of 50 or more is 19YY, otherwise 20YY.
    if (digits) year = Number(digits[1]) + (Number(digits[1]) >= 50 ? 1900 : 2000);
  } else if (isGeneralizedTime(node) && text !== undefined) {
    digits = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
    if (digits) year = Number(digits[1]);
  } else {
    throw malformed(`${what} is neither UTCTime nor GeneralizedTime`);
  }
  if (!digits || year === undefined) throw malformed(`${what} is not a UTC time with seconds`);
  const [month, day, hour, minute, second] = digits.slice(2).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 31 February over into March; a time that does not read back the same was not a real time.
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day ||
    date.getUTCHours() !== hour ||
    date.getUTCMinutes() !== minute ||
    date.getUTCSeconds() !== second
  ) {
    throw malformed(`${what} is not a valid time`);
  }
  return date;
}
