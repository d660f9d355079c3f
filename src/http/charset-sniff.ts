/**
 * Guessing the legacy charset of page bytes that declare none and are not UTF-8 (old pages:
 * no Content-Type charset, no `<meta charset>`). Used by charset.ts `decodeBody` only after
 * the BOM, the header, the declaration and UTF-8 have all failed, so a wrong guess here can
 * only replace text that would otherwise be U+FFFD or mojibake.
 *
 * Two families, each decided by decoding a sample with every candidate and counting the
 * characters that real text of that script is made of (the idea of the "frequent character"
 * detectors of browsers, e.g. Mozilla's universal charset detector, much reduced):
 * - East Asian double-byte charsets (`sniffDoubleByte`): Shift_JIS, EUC-JP, GBK (covers
 *   GB2312), Big5, EUC-KR. A decoding scores one per kana, per character of a short list of
 *   the most frequent Han characters (simplified, traditional and Japanese use) and per
 *   character of a short list of the most frequent Hangul syllables; minus two per U+FFFD or
 *   C1 control. The wrong decodings of such text give rare Han characters, half-width katakana
 *   or invalid pairs, so they score far below the right one.
 * - Latin single-byte charsets (`latinVariant`): windows-1252 (the WHATWG default, also for
 *   ISO-8859-1), windows-1250 and ISO-8859-2 (Central European). Counts the non-ASCII bytes
 *   inside words (after an ASCII letter) that decode to a letter; windows-1252 wins ties, so
 *   Western pages keep their old decoding.
 */
import iconv from 'iconv-lite';

/** Bytes of the page looked at: the first 64 KiB (the body text of an old page starts there). */
const SAMPLE_BYTES = 64 * 1024;

/** Double-byte candidates, in the order that wins a tie. */
const DOUBLE_BYTE = ['gbk', 'shift_jis', 'euc-jp', 'big5', 'euc-kr'] as const;

/**
 * Most frequent Han characters of running text: the top of simplified-Chinese frequency lists,
 * the traditional forms of those that differ, and kanji frequent in Japanese news. A right
 * decoding has a third or more of its Han characters here; a wrong one about one in a hundred.
 */
const FREQUENT_HAN = new Set(
  ('的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金指许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功包片史委乎查轻易早曾除农找装广显' +
    '這們個國來說為時會對過後還發學經當開關點現動種長頭無與問從將於實體見機義產聽書裡麼話員區傳議導頭記號參選結樣處錢聲報臺灣親給讓東車電視業戰應讀數歲間' +
    '日本会事者行分生上国手見新社前自後地場合方業発月内子理定長部間実市東京円都府県党首相氏述語気込')
    .split(''),
);

/** Most frequent Hangul syllables of Korean running text (particles and endings first). */
const FREQUENT_HANGUL = new Set('이다의는에을하고가로지기서사리한자대도적인수를정어시해나으있아전일부들것상보라주게과제여소우동장만원성문면중화구했국비니습었요년은서관말기계회학신'.split(''));

/** Score of one decoding of double-byte text (see the file comment). */
function doubleByteScore(text: string): number {
  let score = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    if (c === 0xfffd || (c >= 0x80 && c < 0xa0) || (c >= 0xe000 && c <= 0xf8ff)) score -= 2;
    else if (c >= 0x3041 && c <= 0x30fa) score += 1;
    else if (c >= 0xff61 && c <= 0xff9f) score -= 1; // half-width katakana: lead bytes of another charset read as Shift_JIS singles
    else if (FREQUENT_HAN.has(ch) || FREQUENT_HANGUL.has(ch)) score += 1;
  }
  return score;
}

/**
 * The East Asian double-byte charset the bytes are in, or null when none fits clearly.
 * @param buf page bytes (not valid UTF-8)
 * @returns a WHATWG label (`gbk`, `shift_jis`, `euc-jp`, `big5`, `euc-kr`) when the best
 *   decoding scores at least 20 and at least a quarter of the sample's non-ASCII bytes / 2
 *   (so scattered Latin-1 letters or Cyrillic words never pass), else null
 */
export function sniffDoubleByte(buf: Buffer): string | null {
  const sample = buf.subarray(0, SAMPLE_BYTES);
  let high = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] >= 0x80) high++;
  if (high < 20) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (const cs of DOUBLE_BYTE) {
    const s = doubleByteScore(iconv.decode(sample, cs, { stripBOM: false }));
    if (s > bestScore) {
      best = cs;
      bestScore = s;
    }
  }
  return bestScore >= 20 && bestScore >= high / 8 ? best : null;
}

const LATIN = ['windows-1252', 'windows-1250', 'iso-8859-2'] as const;
const ASCII_LETTER = /[A-Za-z]/;

/**
 * Which Latin single-byte charset fits bytes already judged Latin (scattered non-ASCII bytes):
 * the candidate under which most non-ASCII bytes that follow an ASCII letter decode to a
 * letter; windows-1252 on a tie.
 * @param buf page bytes
 * @returns `windows-1252`, `windows-1250` or `iso-8859-2`
 */
export function latinVariant(buf: Buffer): string {
  const sample = buf.subarray(0, SAMPLE_BYTES);
  const inWord: number[] = [];
  for (let i = 1; i < sample.length; i++) {
    if (sample[i] >= 0x80 && ASCII_LETTER.test(String.fromCharCode(sample[i - 1]))) inWord.push(i);
  }
  let best: string = LATIN[0];
  let bestScore = -1;
  for (const cs of LATIN) {
    const table = iconv.decode(Buffer.from(Array.from({ length: 128 }, (_, k) => 0x80 + k)), cs);
    let s = 0;
    for (const i of inWord) if (/\p{L}/u.test(table[sample[i] - 0x80] ?? '')) s++;
    if (s > bestScore) {
      best = cs;
      bestScore = s;
    }
  }
  return best;
}
