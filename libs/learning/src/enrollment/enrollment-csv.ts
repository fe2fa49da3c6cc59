import { DomainError, EligibilityCategories, EligibilityCategory, ErrorFieldDetail } from '@app/contracts';
import { parseIdentifier } from '@app/identity';
import { parseCsv } from './csv';

/** One checked row of an enrolment import, before the cohort name is resolved. */
export interface EnrollmentRow {
  /** 1-based line in the file */
  line: number;
  name: string;
  /** E.164 digits, e.g. 8613800138000 */
  phone: string;
  category: EligibilityCategory;
  cohort: string;
}

type Column = 'name' | 'mobile' | 'category' | 'cohort';

const HEADERS: Record<string, Column> = {
  name: 'name',
  姓名: 'name',
  mobile: 'mobile',
  phone: 'mobile',
  手机: 'mobile',
  手机号: 'mobile',
  手机号码: 'mobile',
  category: 'category',
  eligibility_category: 'category',
  类别: 'category',
  人员类别: 'category',
  cohort: 'cohort',
  班级: 'cohort',
  批次: 'cohort',
};

/** The program office's spreadsheets use Chinese labels; both forms are accepted. */
const CATEGORY_LABELS: Record<string, EligibilityCategory> = {
  脱贫户: 'poor_household',
  脱贫家庭: 'poor_household',
  返乡农民工: 'returning_migrant',
  返乡务工人员: 'returning_migrant',
  未就业大学生: 'unemployed_graduate',
  未就业高校毕业生: 'unemployed_graduate',
  残疾人: 'disability',
  全职妈妈: 'full_time_mother',
  退役军人: 'veteran',
};

export const MAX_IMPORT_ROWS = 2000;

function category(raw: string): EligibilityCategory | null {
  const key = raw.trim();
  const lower = key.toLowerCase() as EligibilityCategory;
  return EligibilityCategories.includes(lower) ? lower : (CATEGORY_LABELS[key] ?? null);
}

const problem = (line: number, field: string, reason: string, message: string): ErrorFieldDetail => ({
  field: `line ${line}: ${field}`,
  reason,
  message,
});

function headerMap(fields: string[], line: number): Map<Column, number> | ErrorFieldDetail[] {
  const map = new Map<Column, number>();
  fields.forEach((h, i) => {
    const col = HEADERS[h.trim().toLowerCase()] ?? HEADERS[h.trim()];
    if (col && !map.has(col)) map.set(col, i);
  });
  const missing = (['name', 'mobile', 'category', 'cohort'] as const).filter((c) => !map.has(c));
  return missing.length
    ? missing.map((c) => problem(line, c, 'missingColumn', `The header has no ${c} column.`))
    : map;
}

function checkRow(line: number, get: (c: Column) => string): EnrollmentRow | ErrorFieldDetail[] {
  const errors: ErrorFieldDetail[] = [];
  const name = get('name').trim();
  if (!name || name.length > 40)
    errors.push(problem(line, 'name', 'length', 'A name of 1 to 40 characters is needed.'));
  let phone = '';
  try {
    const id = parseIdentifier(get('mobile'));
    if (id.kind === 'phone') phone = id.phone;
    else errors.push(problem(line, 'mobile', 'mobile', 'A mainland mobile number is needed.'));
  } catch (e) {
    errors.push(problem(line, 'mobile', 'mobile', e instanceof DomainError ? e.message : 'Invalid mobile.'));
  }
  const cat = category(get('category'));
  if (!cat) errors.push(problem(line, 'category', 'category', `Unknown category "${get('category')}".`));
  const cohort = get('cohort').trim();
  if (!cohort) errors.push(problem(line, 'cohort', 'required', 'A cohort is needed.'));
  return errors.length || !cat ? errors : { line, name, phone, category: cat, cohort };
}

/**
 * Reads and checks every row; reports every problem of every row at once (line numbers as in the
 * file) instead of stopping at the first, so the office fixes the sheet in one pass.
 */
export interface ParsedEnrollmentCsv {
  rows: EnrollmentRow[];
  errors: ErrorFieldDetail[];
  /** every row's cohort name, also of rows with other problems, so the database check sees all */
  cohorts: Array<{ line: number; cohort: string }>;
}

export function parseEnrollmentCsv(text: string): ParsedEnrollmentCsv {
  const fail = (errors: ErrorFieldDetail[]): ParsedEnrollmentCsv => ({ rows: [], errors, cohorts: [] });
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail([problem(parsed.line, 'file', 'csv', parsed.message)]);
  const [header, ...body] = parsed.records;
  if (!header) return fail([problem(1, 'file', 'empty', 'The file is empty.')]);
  if (body.length > MAX_IMPORT_ROWS)
    return fail([problem(1, 'file', 'tooMany', `At most ${MAX_IMPORT_ROWS} rows per file.`)]);
  const columns = headerMap(header.fields, header.line);
  if (Array.isArray(columns)) return fail(columns);
  const rows: EnrollmentRow[] = [];
  const errors: ErrorFieldDetail[] = [];
  const cohorts: ParsedEnrollmentCsv['cohorts'] = [];
  const seen = new Map<string, number>();
  for (const rec of body) {
    const get = (c: Column): string => rec.fields[columns.get(c) ?? -1] ?? '';
    if (get('cohort').trim()) cohorts.push({ line: rec.line, cohort: get('cohort').trim() });
    const checked = checkRow(rec.line, get);
    if (Array.isArray(checked)) {
      errors.push(...checked);
      continue;
    }
    const first = seen.get(checked.phone);
    if (first !== undefined) {
      errors.push(problem(rec.line, 'mobile', 'duplicate', `The same mobile as line ${first}.`));
      continue;
    }
    seen.set(checked.phone, rec.line);
    rows.push(checked);
  }
  if (!body.length) errors.push(problem(header.line, 'file', 'empty', 'The file has no rows.'));
  return { rows, errors, cohorts };
}
