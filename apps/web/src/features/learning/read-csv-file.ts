/**
 * A spreadsheet saved as CSV: UTF-8 where it is valid UTF-8, else GB18030, which is what Excel on
 * a Chinese Windows writes by default. The api takes UTF-8 text.
 */
export async function readCsvFile(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}
