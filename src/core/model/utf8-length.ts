/**
 * Bytes of `text` in UTF-8 (what "N KB" means to a person, and what a kept trace
 * weighs) without allocating the encoded copy: a kept trace may be 100 MB. A lone
 * surrogate counts 3, as TextEncoder writes it as U+FFFD.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
