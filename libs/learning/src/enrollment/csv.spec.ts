import { parseCsv, toCsv } from './csv';
import { parseEnrollmentCsv } from './enrollment-csv';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, embedded commas and line breaks, CRLF and a BOM', () => {
    const out = parseCsv('\uFEFFa,b\r\n"x, ""y""","line1\nline2"\r\n\r\nlast,1');
    expect(out).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, "y"', 'line1\nline2'] },
        { line: 5, fields: ['last', '1'] },
      ],
    });
  });
  it('reports an unclosed quote with its line', () => {
    expect(parseCsv('a,b\n"open,1\n')).toEqual({ ok: false, line: 2, message: expect.any(String) });
  });
  it('writes UTF-8 with a BOM and defuses formulas', () => {
    const buf = toCsv([
      ['姓名', 'x'],
      ['=cmd()', 'a,b'],
    ]);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(buf.subarray(3).toString('utf8')).toBe('姓名,x\r\n\'=cmd(),"a,b"\r\n');
  });
});

describe('parseEnrollmentCsv', () => {
  it('accepts Chinese headers and category labels', () => {
    const { rows, errors } = parseEnrollmentCsv(
      '姓名,手机号,类别,班级\n王小明,138 0013 8000,返乡农民工,一班\n',
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, name: '王小明', phone: '8613800138000', category: 'returning_migrant', cohort: '一班' },
    ]);
  });
  it('lists every problem of every row, with line numbers', () => {
    const csv = [
      'name,mobile,category,cohort',
      '王小明,13800138000,veteran,一班',
      ',12345,astronaut,',
      '李四,13800138000,disability,一班',
    ].join('\n');
    const { errors } = parseEnrollmentCsv(csv);
    expect(errors.map((e) => `${e.field}/${e.reason}`)).toEqual([
      'line 3: name/length',
      'line 3: mobile/mobile',
      'line 3: category/category',
      'line 3: cohort/required',
      'line 4: mobile/duplicate',
    ]);
  });
  it('refuses a header without the needed columns', () => {
    expect(parseEnrollmentCsv('name,phone\nx,13800138000').errors.map((e) => e.reason)).toEqual([
      'missingColumn',
      'missingColumn',
    ]);
  });
});
