// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters, the 18th is a check
// character over the first 17 with modulus 31. Shared because the CMS and the api both accept codes.

/** GB 32100-2015 表 2: the 31 characters in order of their value (no I, O, Z, S, V). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** GB 32100-2015 第 5 章: weight of each of the first 17 positions (3^(i) mod 31). */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type UsccProblem = 'length' | 'charset' | 'check_character';

/** The expected check character for the first 17 characters, or null if they use a foreign character. */
export function usccCheckCharacter(body17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(body17.charAt(i));
    const weight = USCC_WEIGHTS[i];
    if (value < 0 || weight === undefined) return null;
    sum += value * weight;
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET.charAt(check === 31 ? 0 : check);
}

/** Why a code is not a valid USCC, or null when it is valid. Callers normalize case first. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return 'charset';
  return usccCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : 'check_character';
}
