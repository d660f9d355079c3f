import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/http/charset.js';
import { decodePage } from '../../src/extract/batch.js';
import { extractArticle } from '../../src/extract/index.js';

// Old pages written for these tests: a layout table (menu cell, story cell with <br><br>
// paragraphs), no charset in the header or the markup, saved in a legacy charset.
const JA = [
  '先週の土曜日、町の公民館で古い写真の展示会が始まりました。明治から昭和の初めまでの写真が二百枚ほど並んでいます。',
  '展示会を企画した職員によると、写真の多くは市民から寄せられたもので、これまで一般に公開されたことはありませんでした。',
  '会場では写真を見ながら、昔の商店街や駅の様子について説明を聞くことができます。展示は来月の末まで続く予定です。',
];
const ZH_HANS = [
  '上个月，市图书馆举办了一场关于本地老照片的展览，很多市民带着孩子前来参观。',
  '展览一共展出了两百多张照片，其中一些是几十年前的街道、学校和火车站。',
  '图书馆的工作人员说，他们希望大家能把家里的老照片也拿出来，和更多的人分享。',
];
const ZH_HANT = [
  '上個月，市立圖書館舉辦了一場關於本地老照片的展覽，很多市民帶著孩子前來參觀。',
  '展覽一共展出了兩百多張照片，其中一些是幾十年前的街道、學校和火車站。',
  '圖書館的工作人員說，他們希望大家能把家裡的老照片也拿出來，和更多的人分享。',
];
const KO = [
  '지난 주말 시립 도서관에서 오래된 사진 전시회가 열렸습니다. 백여 년 전의 거리와 학교 사진이 전시되어 있습니다.',
  '전시회를 준비한 직원은 사진 대부분이 시민들이 보내 준 것으로 지금까지 공개된 적이 없다고 말했습니다.',
  '전시는 다음 달 말까지 계속되며 주말에는 사진에 관한 이야기 모임도 열릴 예정입니다.',
];
const PL = [
  'W niedzielę w parku miejskim odbył się festyn rodzinny, na który przyszło kilka tysięcy mieszkańców i gości.',
  'Na scenie wystąpiły szkolne zespoły, a na stoiskach można było spróbować pierogów, ciast i miodu z pobliskich pasiek.',
  'Organizatorzy zapowiadają, że za rok festyn potrwa dwa dni, bo chętnych do udziału przybywa z każdym rokiem.',
];

function page(title: string, paras: string[]): string {
  return `<HTML><HEAD><TITLE>${title}</TITLE></HEAD><BODY><TABLE><TR><TD WIDTH=120><A HREF="/">1</A><BR><A HREF="/n/">2</A></TD>` +
    `<TD><FONT SIZE=4><B>${title}</B></FONT><BR><BR>${paras.join('<BR><BR>')}</TD></TR></TABLE></BODY></HTML>`;
}

describe('undeclared legacy charsets (old pages with no charset anywhere)', () => {
  it.each([
    ['Japanese in Shift_JIS', 'shift_jis', JA],
    ['Japanese in EUC-JP', 'euc-jp', JA],
    ['simplified Chinese in GB2312', 'gbk', ZH_HANS],
    ['traditional Chinese in Big5', 'big5', ZH_HANT],
    ['Korean in EUC-KR', 'euc-kr', KO],
    ['Polish in ISO-8859-2', 'iso-8859-2', PL],
    ['Polish in windows-1250', 'windows-1250', PL],
  ])('%s is decoded as %s', (_name, charset, paras) => {
    const html = page('X', paras);
    const d = decodeBody(iconv.encode(html, charset), null, 'html');
    expect(d).toMatchObject({ charset, source: 'sniffed' });
    expect(d.text).toBe(html);
  });

  it('keeps windows-1252 for Western text, and the Cyrillic guesses (guard)', () => {
    const fr = page('Le marché', ['Le marché de Noël a ouvert ses portes samedi sur la place de l’église, avec des chalets de bois décorés.', 'Les exposants viennent de toute la région et proposent du pain d’épices, des jouets et des bougies.']);
    expect(decodeBody(iconv.encode(fr, 'windows-1252'), null, 'html')).toMatchObject({ charset: 'windows-1252', text: fr });
    const de = page('Größere Brücke', ['Die Brücke über den Fluss wird im nächsten Frühjahr verbreitert, teilte die Stadtverwaltung am Dienstag mit.', 'Während der Bauarbeiten müssen Fußgänger die Fähre benutzen.']);
    expect(decodeBody(iconv.encode(de, 'windows-1252'), null, 'html')).toMatchObject({ charset: 'windows-1252', text: de });
    const ru = page('Новости', ['В субботу в городском парке прошёл осенний праздник, на который пришли тысячи жителей города.', 'Фермеры привезли овощи, мёд и яблоки из соседних районов.']);
    expect(decodeBody(iconv.encode(ru, 'windows-1251'), null, 'html')).toMatchObject({ charset: 'windows-1251', text: ru });
    expect(decodeBody(iconv.encode(ru, 'koi8-r'), null, 'html')).toMatchObject({ charset: 'koi8-r', text: ru });
  });

  it('a latin-1 label (header or meta) on Cyrillic, Chinese or Polish bytes gives way to the bytes; on Western bytes it stays', () => {
    const meta = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">';
    const ru = meta + page('Новости', ['В субботу в городском парке прошёл осенний праздник, на который пришли тысячи жителей города.', 'Фермеры привезли овощи, мёд и яблоки из соседних районов.']);
    expect(decodeBody(iconv.encode(ru, 'windows-1251'), null, 'html')).toMatchObject({ charset: 'windows-1251', text: ru });
    const zh = page('新闻', ZH_HANS);
    expect(decodeBody(iconv.encode(zh, 'gbk'), 'text/html; charset=ISO-8859-1', 'html')).toMatchObject({ charset: 'gbk', text: zh });
    const pl = meta + page('Festyn', PL);
    expect(decodeBody(iconv.encode(pl, 'iso-8859-2'), null, 'html')).toMatchObject({ charset: 'iso-8859-2', text: pl });
    const de = meta + page('Größere Brücke', ['Die Brücke über den Fluss wird im nächsten Frühjahr verbreitert, teilte die Stadtverwaltung am Dienstag mit.', 'Während der Bauarbeiten müssen Fußgänger die Fähre benutzen; „Geduld“ sei gefragt.']);
    expect(decodeBody(iconv.encode(de, 'windows-1252'), null, 'html')).toMatchObject({ charset: 'windows-1252', source: 'declaration', text: de });
  });

  it('an undeclared Shift_JIS table page gives its story text, not an empty or garbled one', () => {
    const x = extractArticle(decodePage(iconv.encode(page('写真展', JA), 'shift_jis')), 'http://example.jp/news/1.html');
    expect(x.text.split('\n').filter(Boolean)).toEqual(JA);
  });
});
