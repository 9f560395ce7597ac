// 文号 as written varies: 嘉开管〔2020〕15号, 嘉开管[2020]15号, 嘉开管(2020)15号, 嘉开管（２０２０）１５号.
// The normalized form uses 〔〕, ASCII digits and no spaces, so every spelling finds the same policy.
const OPEN = /[[［(（【〔{｛]/g;
const CLOSE = /[\]］)）】〕}｝]/g;

export function normalizeDocNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(OPEN, '〔')
    .replace(CLOSE, '〕');
}
