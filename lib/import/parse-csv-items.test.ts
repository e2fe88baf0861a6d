import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { MAX_CSV_COLUMNS } from './import-limits';
import { parseCsvItems, typeCell, type CsvImportOptions } from './parse-csv-items';

// CSV rows -> export-shape items: RFC 4180 quoting, cells typed by the blueprint's schema, relation
// columns, and faults that name their line.

const schema = {
  type: 'object',
  properties: {
    tier: { type: 'integer' },
    uptime: { type: ['number', 'null'] },
    public: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    metadata: { type: 'object' },
    notes: { type: 'string' },
    code: { type: 'string' },
  },
};
const options: CsvImportOptions = {
  blueprint: 'service',
  schema,
  relations: { runs_on: { type: 'many-to-one' }, depends_on: { type: 'many-to-many' } },
};
const csv = (text: string, more: Partial<CsvImportOptions> = {}) => parseCsvItems(text, { ...options, ...more });

function faultOf(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('the file was accepted');
}

describe('parseCsvItems', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF', () => {
    const text = 'identifier,title,notes\r\napi,"API, public","He said ""hi""\nthen left"\r\n\r\nweb,Web,plain\n';
    expect(csv(text)).toEqual([
      { blueprint: 'service', identifier: 'api', title: 'API, public', properties: { notes: 'He said "hi"\nthen left' } },
      { blueprint: 'service', identifier: 'web', title: 'Web', properties: { notes: 'plain' } },
    ]);
  });

  it('types cells by the schema; empty cells are left out; what does not read as its type stays a string', () => {
    const text = [
      'identifier,tier,uptime,public,tags,metadata,code,extra',
      'a,2,99.5,TRUE,"[""x"",""y""]","{""region"":""eu""}",007,free text',
      'b,,null,false,,,,',
      'c,two,1e400,maybe,not json,[1],1.5,',
    ].join('\n');
    const [a, b, c] = csv(text);
    expect(a.properties).toEqual({
      tier: 2,
      uptime: 99.5,
      public: true,
      tags: ['x', 'y'],
      metadata: { region: 'eu' },
      code: '007',
      extra: 'free text',
    });
    expect(b.properties).toEqual({ uptime: null, public: false });
    // left as strings: the entity's schema check then fails this row alone, with a path
    expect(c.properties).toEqual({ tier: 'two', uptime: '1e400', public: 'maybe', tags: 'not json', metadata: '[1]', code: '1.5' });
  });

  it('reads relation columns: a to-one relation a string, a to-many one always a list', () => {
    const text = 'identifier,runs_on,depends_on\na,k8s-prod,db\nb,"[""k8s-eu""]","[""db"",""cache""]"\nc,,\n';
    expect(csv(text).map((i) => i.relations)).toEqual([
      { runs_on: 'k8s-prod', depends_on: ['db'] },
      { runs_on: 'k8s-eu', depends_on: ['db', 'cache'] },
      undefined,
    ]);
  });

  it('takes $identifier and $title when the blueprint has properties named identifier and title', () => {
    const [item] = csv('$identifier,$title,identifier,title\nx,X,ext-1,Dr\n');
    expect(item).toEqual({ blueprint: 'service', identifier: 'x', title: 'X', properties: { identifier: 'ext-1', title: 'Dr' } });
  });

  it('keeps a `__proto__` column as an ordinary property', () => {
    const [item] = csv('identifier,__proto__,constructor\nx,polluted,c\n');
    expect(Object.keys(item.properties)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(item.properties)).toBe(Object.prototype);
  });

  it('names the line of a broken record', () => {
    expect(faultOf(() => csv('identifier,title\na,"open\n\nb,c\n')).message).toBe(
      'the CSV file is not valid (line 2): a quoted field is never closed',
    );
    expect(faultOf(() => csv('identifier,title\na,b\nc,d"e\n')).message).toContain('(line 3): a quote inside an unquoted field');
    expect(faultOf(() => csv('identifier,title\n"a"b,c\n')).message).toContain('(line 2): text follows a closing quote');
    const count = faultOf(() => csv('identifier,title\na,A\n\nb,B,extra\n'));
    expect(count.status).toBe(400);
    expect(count.message).toBe('the CSV file is not valid (line 4): 3 fields where the header has 2');
    expect(count.details).toEqual({ reason: 'invalid_csv', line: 4 });
  });

  it('refuses a header without identifier, with a duplicate or an empty name, or too many columns', () => {
    expect(faultOf(() => csv('name,title\na,b\n')).message).toBe('the CSV header row has no `identifier` column');
    expect(faultOf(() => csv('identifier,tier,tier\n')).message).toBe('the CSV header row names "tier" twice');
    expect(faultOf(() => csv('identifier,,tier\n')).message).toBe('the CSV header row has an empty column name');
    const wide = ['identifier', ...Array.from({ length: MAX_CSV_COLUMNS }, (_, i) => `c${i}`)].join(',');
    expect(faultOf(() => csv(`${wide}\n`)).message).toContain(`more than ${MAX_CSV_COLUMNS} fields (MAX_CSV_COLUMNS)`);
    expect(faultOf(() => csv('')).message).toContain('a header row is required');
  });

  it('stops at the item limit with a 413', () => {
    const fault = faultOf(() => csv('identifier\na\nb\nc\n', { maxItems: 2 }));
    expect(fault.status).toBe(413);
    expect(fault.message).toContain('MAX_IMPORT_ITEMS');
  });
});

describe('typeCell', () => {
  it('tries the types in order', () => {
    expect(typeCell('12', ['string', 'integer'])).toBe('12');
    expect(typeCell('12', ['integer', 'string'])).toBe(12);
    expect(typeCell(' -1.5e3 ', ['number'])).toBe(-1500);
    expect(typeCell('null', ['string'])).toBe('null');
    expect(typeCell('['.repeat(100) + ']'.repeat(100), ['array'])).toBe('['.repeat(100) + ']'.repeat(100)); // too deep: left as text
  });
});
