import { describe, expect, it } from 'vitest';
import { isValidTimezone, parseFeedDate, zoneOffsetAt } from '../../src/feeds/dates.js';

// [input, timezone for zone-less dates, expected UTC instant or null]
// Forms taken from ../shared/corpus/feeds (see docs/feeds.md "Dates") and the date-tz-formats case.
const TABLE: [string, string | undefined, string | null][] = [
  // RFC 822 / 1123 with obsolete zones, taken literally (EST is -05:00 even in summer)
  ['Mon, 03 Dec 2018 13:03:47 PST', undefined, '2018-12-03T21:03:47.000Z'],
  ['Tue, 08 Oct 2013 18:30:00 EST', undefined, '2013-10-08T23:30:00.000Z'],
  ['Wed, 9 Aug 2017 10:00:00 EDT', undefined, '2017-08-09T14:00:00.000Z'],
  ['Thu, 19 Jun 2014 17:00:00 Z', undefined, '2014-06-19T17:00:00.000Z'],
  ['Thu, 29 Jun 2023 14:00:00 UT', undefined, '2023-06-29T14:00:00.000Z'],
  ['Thu, 29 Jun 2023 14:00:00 UTC', undefined, '2023-06-29T14:00:00.000Z'],
  ['Wed, 02 Oct 2002 13:00:00 GMT', undefined, '2002-10-02T13:00:00.000Z'],
  ['Fri, 19 Nov 2021 01:45:08 +02:00', undefined, '2021-11-18T23:45:08.000Z'],
  ['Thu, 29 Jun 2023 18:00:00 +0400', undefined, '2023-06-29T14:00:00.000Z'],
  ['Mon, 24 Sep 2018 19:42:40 -0300', undefined, '2018-09-24T22:42:40.000Z'],
  ['Thu, 29 Jun 2023 16:00:00 CEST', undefined, '2023-06-29T14:00:00.000Z'],
  ['Thu, 29 Jun 2023 17:00:00 MSK', undefined, '2023-06-29T14:00:00.000Z'],
  // missing seconds, missing weekday, two-digit years (RFC 2822 §4.3), HHMM without colon
  ['29 Jun 23 18:00 +0400', undefined, '2023-06-29T14:00:00.000Z'],
  ['03 Apr 02 1500 GMT', undefined, '2002-04-03T15:00:00.000Z'],
  ['Sun, 01 Jan 99 00:00:00 GMT', undefined, '1999-01-01T00:00:00.000Z'],
  // weekday without comma, full month names
  ['Wed 02 Oct 2002 13:00:00 GMT', undefined, '2002-10-02T13:00:00.000Z'],
  ['12 June 2007 10:00:00 GMT', undefined, '2007-06-12T10:00:00.000Z'],
  ['4 December 2008 09:15:00 EST', undefined, '2008-12-04T14:15:00.000Z'],
  // other languages (UOL's Portuguese "Seg, 24 Set 2018"; German "Mär", "Okt")
  ['Seg, 24 Set 2018 19:42:40 -0300', undefined, '2018-09-24T22:42:40.000Z'],
  ['Sáb, 06 Out 2018 10:00:00 -0300', undefined, '2018-10-06T13:00:00.000Z'],
  ['Mo, 05 Mär 2018 10:00:00 +0100', undefined, '2018-03-05T09:00:00.000Z'],
  ['Di, 09 Okt 2018 10:00:00 +0200', undefined, '2018-10-09T08:00:00.000Z'],
  // the region's languages: Russian (genitive), Azerbaijani, Turkish; names matched by 3 letters
  ['Чт, 29 июня 2023 18:00:00 +0400', undefined, '2023-06-29T14:00:00.000Z'],
  ['29 мая 2023 10:00 +0300', undefined, '2023-05-29T07:00:00.000Z'],
  ['29 iyun 2023 18:00:00 +0400', undefined, '2023-06-29T14:00:00.000Z'],
  ['01 iyul 2023 18:00:00 +0400', undefined, '2023-07-01T14:00:00.000Z'],
  ['Per, 29 Haziran 2023 17:00:00 +0300', undefined, '2023-06-29T14:00:00.000Z'],
  ['Tue, 05 Sept. 2023 10:00:00 GMT', undefined, '2023-09-05T10:00:00.000Z'],
  // RFC 3339 / ISO 8601
  ['2023-06-29T14:00:00Z', undefined, '2023-06-29T14:00:00.000Z'],
  ['2023-06-29T18:00:00+04:00', undefined, '2023-06-29T14:00:00.000Z'],
  ['2023-06-29T10:00:00-0400', undefined, '2023-06-29T14:00:00.000Z'],
  ['2003-12-13T18:30:02.25+01:00', undefined, '2003-12-13T17:30:02.250Z'],
  ['2019-10-12T07:20:50.52Z', undefined, '2019-10-12T07:20:50.520Z'],
  ['2023-06-29 14:00:00Z', undefined, '2023-06-29T14:00:00.000Z'],
  // JavaScript Date.toString()
  ['Thu Jun 29 2023 16:00:00 GMT+0200 (Central European Summer Time)', undefined, '2023-06-29T14:00:00.000Z'],
  // zone-less: read in the feed's IANA zone, UTC when none is configured
  ['2023-06-29T14:00', undefined, '2023-06-29T14:00:00.000Z'],
  ['2023-06-29T18:00', 'Asia/Yerevan', '2023-06-29T14:00:00.000Z'],
  ['2023-06-29T17:00:00', 'Europe/Moscow', '2023-06-29T14:00:00.000Z'],
  ['2023-01-15T09:00', 'America/New_York', '2023-01-15T14:00:00.000Z'],
  ['2023-07-15T10:00', 'America/New_York', '2023-07-15T14:00:00.000Z'],
  ['2008/9/15 10:20:30', undefined, '2008-09-15T10:20:30.000Z'],
  ['2008/9/15 10:20:30', 'Asia/Yerevan', '2008-09-15T05:20:30.000Z'], // Armenia kept DST until 2011: +05:00
  ['2003-12-13', undefined, '2003-12-13T00:00:00.000Z'],
  ['2003-12-13', 'Asia/Baku', '2003-12-12T20:00:00.000Z'],
  ['Thu, 29 Jun 2023 18:00:00', 'Asia/Baku', '2023-06-29T14:00:00.000Z'],
  // DST edges in Europe/Berlin: a wall time in the spring gap uses the offset before the change
  // (+01:00); one in the autumn overlap is the earlier instant (+02:00)
  ['2023-03-26T02:30', 'Europe/Berlin', '2023-03-26T01:30:00.000Z'],
  ['2023-10-29T02:30', 'Europe/Berlin', '2023-10-29T00:30:00.000Z'],
  // not dates
  ['', undefined, null],
  ['   ', undefined, null],
  ['garbage', undefined, null],
  ['31 Feb 2023 10:00 GMT', undefined, null],
  ['Thu, 29 Foo 2023 14:00:00 GMT', undefined, null],
  ['Thu, 29 Jun 2023 14:00:00 XYZT', undefined, null],
  ['2023-13-01T00:00:00Z', undefined, null],
  ['2013-01-27-01', undefined, null], // a zone needs a time: not 2013-01-27 at -01:00
  ['2013-01-27-01', 'Asia/Yerevan', null],
  ['Thu, 29 Jun 2023 14:00:00 Etc/Nowhere', undefined, null],
  ['Thu, 29 Jun 2023 14:00:00 14월', undefined, null],
  // near-misses other readers give a date for (issue 14)
  ['Fri,24 Nov 2023 18:28:36 -0000', undefined, '2023-11-24T18:28:36.000Z'], // no space after the comma
  ['Mon, 13 Feb, 2012 06:27:47 +0000', undefined, '2012-02-13T06:27:47.000Z'], // comma after the month
  ['Tue, 4 Jul 2023 09:15:00 ET', undefined, '2023-07-04T14:15:00.000Z'], // feedparser's zone table: ET = -05:00
  ['Tue, 4 Jul 2023 09:15:00 CT', undefined, '2023-07-04T15:15:00.000Z'],
  ['Tue, 4 Jul 2023 09:15:00 MT', undefined, '2023-07-04T16:15:00.000Z'],
  ['Tue, 4 Jul 2023 09:15:00 PT', undefined, '2023-07-04T17:15:00.000Z'],
  ['Tue, 4 Jul 2023 09:15:00 AT', undefined, '2023-07-04T13:15:00.000Z'],
  ['Wed, 5 Jul 2023 08:00:00 Etc/GMT', undefined, '2023-07-05T08:00:00.000Z'],
  ['Wed, 5 Jul 2023 08:00:00 Etc/GMT+4', undefined, '2023-07-05T12:00:00.000Z'], // POSIX sign: 4 h behind UTC
  ['2003-12', undefined, '2003-12-01T00:00:00.000Z'], // W3C-DTF year and month
  ['2003-12', 'Asia/Baku', '2003-11-30T20:00:00.000Z'],
  ['Κυρ, 29 Φεβ 2004 12:53:00 GMT', undefined, '2004-02-29T12:53:00.000Z'], // feedparser http_high_bit_date (Greek)
  ['Σαβ, 17 Ιούν 2023 10:00:00 +0300', undefined, '2023-06-17T07:00:00.000Z'],
  ['Πεμ, 20 Ιουλ 2023 10:00:00 +0300', undefined, '2023-07-20T07:00:00.000Z'],
  ['2023년 06월 29일 23:05:00', undefined, '2023-06-29T14:05:00.000Z'], // Korean, KST
  ['2023-06-29 오후 3:05:00', undefined, '2023-06-29T06:05:00.000Z'], // 오후 = PM, KST
  ['목, 29 6월 2023 15:05:00 +0900', undefined, '2023-06-29T06:05:00.000Z'], // Korean day and month
  // the long tail, read token by token (the forms Miniflux's date tests list, values our own)
  ['Sat, 18 Mar 2023 2:40 PM EST', undefined, '2023-03-18T19:40:00.000Z'],
  ['Wednesday, May 14, 2025 - 9:05am', undefined, '2025-05-14T09:05:00.000Z'],
  ['Wed, 14 May 2025 09:00:00 Asia/Yerevan', undefined, '2025-05-14T05:00:00.000Z'], // an IANA zone name
  ['Wed, 14 Jan 2025 09:00:00 Europe/Berlin', undefined, '2025-01-14T08:00:00.000Z'],
  ['1747213200', undefined, '2025-05-14T09:00:00.000Z'], // epoch seconds
  ['April 2 2024 08:15:00 PM', undefined, '2024-04-02T20:15:00.000Z'],
  ['Tue, 05/13/2025 - 17:45', undefined, '2025-05-13T17:45:00.000Z'], // US numeric
  ['Tue, 13/05/2025', undefined, '2025-05-13T00:00:00.000Z'], // the first number is no month
  ['13.05.25', undefined, '2025-05-13T00:00:00.000Z'], // European dots
  ['2025-05-13T17:45:00+04:00Z', undefined, '2025-05-13T13:45:00.000Z'], // offset and a stray Z
  ['May. 13, 2025, 5:45 p.m.', undefined, '2025-05-13T17:45:00.000Z'],
  ['Mardi, 13. Mai 2025 - 17:45', undefined, '2025-05-13T17:45:00.000Z'],
  ['Tue May 13 2025 17:45:00 GMT+0400 (Armenia Standard Time)', undefined, '2025-05-13T13:45:00.000Z'],
  ['Tue, 13th May 2025 17:45:00 GMT', undefined, '2025-05-13T17:45:00.000Z'],
  ['Dec. 2024', undefined, '2024-12-01T00:00:00.000Z'],
  ['mar., 13 mai 2025 17:45:00 +0000', undefined, '2025-05-13T17:45:00.000Z'],
  ['Tue, 13 May 2025 17:45:00 GMT-04:00', undefined, '2025-05-13T21:45:00.000Z'],
  ['Tues, 13 May 2025 17:45:00 +0000', undefined, '2025-05-13T17:45:00.000Z'],
  ['Tue, May 13, 2025 at 05:45 PM EDT', undefined, '2025-05-13T21:45:00.000Z'],
  ['05/13/2025 5:45 pm PST', undefined, '2025-05-14T01:45:00.000Z'],
  ['3 comments', undefined, null],
  ['Version 2.0', undefined, null],
  ['Posted on Monday', undefined, null],
];

describe('parseFeedDate', () => {
  it.each(TABLE)('%s (%s)', (input, tz, expected) => {
    const d = parseFeedDate(input, tz);
    expect(d ? d.toISOString() : null).toBe(expected);
  });

  it('ignores the process TZ for zone-less dates', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Auckland';
      expect(parseFeedDate('2023-06-29T14:00')?.toISOString()).toBe('2023-06-29T14:00:00.000Z');
      expect(parseFeedDate('2023-06-29T18:00', 'Asia/Yerevan')?.toISOString()).toBe('2023-06-29T14:00:00.000Z');
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it('throws RangeError for an unknown IANA zone on a zone-less date', () => {
    expect(() => parseFeedDate('2023-06-29T14:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(isValidTimezone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimezone('Asia/Yerevan')).toBe(true);
  });

  it('reads zone offsets from Intl', () => {
    expect(zoneOffsetAt('Asia/Yerevan', Date.UTC(2023, 5, 29))).toBe(240);
    expect(zoneOffsetAt('America/New_York', Date.UTC(2023, 0, 15))).toBe(-300);
    expect(zoneOffsetAt('Asia/Kolkata', Date.UTC(2023, 0, 15))).toBe(330);
  });
});
