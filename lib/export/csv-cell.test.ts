import { describe, expect, it } from 'vitest';
import { cellText, csvLine, neutralise, quoteCell } from './csv-cell';

describe('CSV cells', () => {
  it('neutralises every formula start with a single quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutralise(`${start}cmd|' /C calc'!A0`)).toBe(`'${start}cmd|' /C calc'!A0`);
    }
    expect(neutralise('=1+1')).toBe("'=1+1");
    expect(neutralise('-5')).toBe("'-5");
  });

  it('leaves other text alone, including a formula character later in the cell', () => {
    for (const text of ['plain', 'a=b', ' =x', "'quoted", '', '5-3', 'x@y']) expect(neutralise(text)).toBe(text);
  });

  it('quotes per RFC 4180 only when needed, doubling quotes', () => {
    expect(quoteCell('a')).toBe('a');
    expect(quoteCell('a,b')).toBe('"a,b"');
    expect(quoteCell('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCell('two\nlines')).toBe('"two\nlines"');
    expect(quoteCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes nested values as JSON and null as an empty cell', () => {
    expect(cellText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(cellText(['x', 'y'])).toBe('["x","y"]');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText(false)).toBe('false');
    expect(cellText(3.5)).toBe('3.5');
  });

  it('neutralises before quoting, so a quoted formula is still inert', () => {
    expect(csvLine(['=SUM(A1,A2)', '@x', 'ok', { k: '=v' }])).toBe(`"'=SUM(A1,A2)",'@x,ok,"{""k"":""=v""}"\r\n`);
    // A cell that starts with a tab or CR is neutralised, then quoted for the CR.
    expect(csvLine(['\r=1'])).toBe(`"'\r=1"\r\n`);
  });
});
