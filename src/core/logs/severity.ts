/**
 * One severity scale for logs from any source: OTLP severity numbers, and the
 * texts producers and Loki write instead (`warning`, `err`, `critical`,
 * Loki's `detected_level`).
 */
export type SeverityLabel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL' | 'UNSPECIFIED';

export interface Severity {
  /** OTLP SeverityNumber 1-24; 0 when neither number nor text says anything */
  readonly number: number;
  readonly label: SeverityLabel;
}

/** Least to most severe, for legends and "at least WARN" filters. */
export const SEVERITY_LABELS: readonly SeverityLabel[] = ['UNSPECIFIED', 'TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** OTLP's ranges are four numbers wide: 1-4 TRACE, 5-8 DEBUG, …, 21-24 FATAL. */
const RANGE_LABELS: readonly SeverityLabel[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

/** The label of an OTLP severity number; UNSPECIFIED outside 1-24. */
export function severityLabelOfNumber(severityNumber: number): SeverityLabel {
  if (!Number.isInteger(severityNumber) || severityNumber < 1 || severityNumber > 24) return 'UNSPECIFIED';
  return RANGE_LABELS[Math.floor((severityNumber - 1) / 4)] ?? 'UNSPECIFIED';
}

/** First number of a label's range (INFO → 9): what a text-only severity stands for. */
export function severityNumberOfLabel(label: SeverityLabel): number {
  const range = RANGE_LABELS.indexOf(label);
  return range < 0 ? 0 : range * 4 + 1;
}

/**
 * Texts seen in the wild, lower-cased. Sources: OTLP short names, syslog
 * (notice → INFO, crit/alert/emerg → FATAL as the OTel data model's syslog
 * mapping has it), Python (`critical` → FATAL, as the OTel Python SDK maps it),
 * .NET (`information`), Log4j/Go (`panic`, `fatal`), Loki's detected_level
 * (`trace|debug|info|warn|error|critical|fatal|unknown`).
 */
const TEXT_LABELS: ReadonlyMap<string, SeverityLabel> = new Map<string, SeverityLabel>([
  ['trace', 'TRACE'], ['trc', 'TRACE'], ['finest', 'TRACE'], ['verbose', 'TRACE'],
  ['debug', 'DEBUG'], ['dbg', 'DEBUG'], ['fine', 'DEBUG'], ['finer', 'DEBUG'],
  ['info', 'INFO'], ['inf', 'INFO'], ['information', 'INFO'], ['informational', 'INFO'], ['notice', 'INFO'],
  ['warn', 'WARN'], ['warning', 'WARN'], ['wrn', 'WARN'],
  ['error', 'ERROR'], ['err', 'ERROR'], ['eror', 'ERROR'], ['severe', 'ERROR'],
  ['fatal', 'FATAL'], ['critical', 'FATAL'], ['crit', 'FATAL'], ['alert', 'FATAL'], ['emerg', 'FATAL'], ['emergency', 'FATAL'], ['panic', 'FATAL'],
]);

/** `WARN3`, `info2`: OTLP's short names for the numbers inside a range. */
const RANGE_STEP_RE = /^(trace|debug|info|warn|error|fatal)([1-4])$/;

/** The label a severity text names; UNSPECIFIED for texts we do not know. */
export function severityLabelOfText(text: string): { label: SeverityLabel; number: number } {
  const t = text.trim().toLowerCase();
  const known = TEXT_LABELS.get(t);
  if (known !== undefined) return { label: known, number: severityNumberOfLabel(known) };
  const stepped = RANGE_STEP_RE.exec(t);
  if (stepped) {
    const label = TEXT_LABELS.get(stepped[1] ?? '') ?? 'UNSPECIFIED';
    return { label, number: severityNumberOfLabel(label) + Number(stepped[2]) - 1 };
  }
  return { label: 'UNSPECIFIED', number: 0 };
}

/**
 * A record's severity: the OTLP number when it is in 1-24 (the spec makes the
 * number the normalised one and the text the producer's own word), else the text.
 */
export function severityOf(record: { readonly severityNumber: number; readonly severityText: string }): Severity {
  const fromNumber = severityLabelOfNumber(record.severityNumber);
  if (fromNumber !== 'UNSPECIFIED') return { number: record.severityNumber, label: fromNumber };
  return severityLabelOfText(record.severityText);
}
