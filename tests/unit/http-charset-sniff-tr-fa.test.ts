import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/http/charset.js';

// Old pages written for these tests, in two of the project's languages, saved in their legacy
// charsets with no charset in the header or the markup (or Apache's old iso-8859-1 header).
const TR = [
  'Dışişleri Bakanı, İstanbul’daki toplantının ardından yaptığı açıklamada görüşmelerin olumlu geçtiğini söyledi.',
  'Sınır kapısının açılması için teknik çalışmaların sürdüğü, demiryolu hattının da gündemde olduğu belirtildi.',
  'Bölgedeki barışın kalıcı olması için iki ülkenin de adım atması gerektiği vurgulandı; bir sonraki görüşme ağustosta yapılacak.',
];
// Legacy Persian pages write yeh as the Arabic ي (0xED): windows-1256 has no Persian ی.
const FA = [
  'وزير امور خارجه پس از ديدار با همتاي خود گفت که گفتگوها درباره متن پيمان صلح به مرحله پاياني رسيده است.',
  'به گفته او دو طرف درباره تعيين مرز و بازگشايي راه هاي ارتباطي به توافق نزديک شده اند و کار فني ادامه دارد.',
  'دور بعدي مذاکرات قرار است ماه آينده در پايتخت يکي از کشورهاي همسايه برگزار شود.',
];
// Icelandic is written in windows-1252 with ð þ ý, the same bytes as Turkish ğ ş ı.
const IS = [
  'Utanríkisráðherrarnir hittust í gær og ræddu um friðarsamninginn sem þeir vonast til að undirrita á næsta ári.',
  'Þeir sögðu að viðræðurnar um landamærin væru á góðri leið og að samgöngur yrðu opnaðar fljótlega.',
];
const page = (paras: string[]) =>
  `<html><head><title>Haber</title></head><body><table><tr><td>menu</td><td>${paras.map((p) => `${p}<br><br>`).join('\n')}</td></tr></table></body></html>`;

describe('legacy single-byte charsets the sniffer must tell from their neighbours', () => {
  for (const [header, label] of [[null, 'no charset'], ['text/html; charset=iso-8859-1', 'an iso-8859-1 header']] as const) {
    it(`reads a windows-1254 Turkish page with ${label} as windows-1254, not windows-1252 (ı ş ğ, not ý þ ð)`, () => {
      const d = decodeBody(iconv.encode(page(TR), 'windows-1254'), header, 'html');
      expect(d.charset).toBe('windows-1254');
      expect(d.text).toContain(TR[0]);
    });
    it(`reads a windows-1256 Persian page with ${label} as windows-1256, not KOI8-R`, () => {
      const d = decodeBody(iconv.encode(page(FA), 'windows-1256'), header, 'html');
      expect(d.charset).toBe('windows-1256');
      expect(d.text).toContain(FA[2]);
    });
  }
  it('keeps an Icelandic windows-1252 page windows-1252 (guard: passes on main)', () => {
    const d = decodeBody(iconv.encode(page(IS), 'windows-1252'), null, 'html');
    expect(d.charset).toBe('windows-1252');
    expect(d.text).toContain(IS[1]);
  });
  it('keeps windows-1251 and KOI8-R Russian pages Cyrillic (guard: passes on main)', () => {
    const ru = ['Министры встретились в столице и обсудили текст мирного договора, границу и дороги.', 'Следующая встреча пройдёт через месяц, сообщил источник в правительстве.'];
    for (const cs of ['windows-1251', 'koi8-r']) {
      const d = decodeBody(iconv.encode(page(ru), cs), null, 'html');
      expect(d.charset).toBe(cs);
      expect(d.text).toContain(ru[0]);
    }
  });
});
