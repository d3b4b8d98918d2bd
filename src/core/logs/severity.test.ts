import { describe, expect, it } from 'vitest';
import { severityLabelOfNumber, severityOf, type SeverityLabel } from './severity';

describe('severityOf', () => {
  it.each<[number, SeverityLabel]>([
    [0, 'UNSPECIFIED'],
    [1, 'TRACE'],
    [4, 'TRACE'],
    [5, 'DEBUG'],
    [8, 'DEBUG'],
    [9, 'INFO'],
    [12, 'INFO'],
    [13, 'WARN'],
    [16, 'WARN'],
    [17, 'ERROR'],
    [20, 'ERROR'],
    [21, 'FATAL'],
    [24, 'FATAL'],
    [25, 'UNSPECIFIED'],
    [-1, 'UNSPECIFIED'],
    [9.5, 'UNSPECIFIED'],
  ])('OTLP number %d → %s', (n, label) => {
    expect(severityLabelOfNumber(n)).toBe(label);
  });

  it.each<[string, SeverityLabel, number]>([
    ['trace', 'TRACE', 1],
    ['DEBUG', 'DEBUG', 5],
    ['Information', 'INFO', 9],
    ['notice', 'INFO', 9],
    ['info2', 'INFO', 10],
    ['warning', 'WARN', 13],
    ['WARN3', 'WARN', 15],
    [' Warn ', 'WARN', 13],
    ['err', 'ERROR', 17],
    ['Error', 'ERROR', 17],
    ['critical', 'FATAL', 21],
    ['crit', 'FATAL', 21],
    ['emerg', 'FATAL', 21],
    ['panic', 'FATAL', 21],
    ['fatal4', 'FATAL', 24],
    ['unknown', 'UNSPECIFIED', 0],
    ['', 'UNSPECIFIED', 0],
    ['loud', 'UNSPECIFIED', 0],
  ])('text %j → %s (%d)', (text, label, number) => {
    expect(severityOf({ severityNumber: 0, severityText: text })).toEqual({ label, number });
  });

  it('trusts the number over the text, and falls back to the text when the number is out of range', () => {
    expect(severityOf({ severityNumber: 17, severityText: 'Information' })).toEqual({ number: 17, label: 'ERROR' });
    expect(severityOf({ severityNumber: 99, severityText: 'warning' })).toEqual({ number: 13, label: 'WARN' });
  });
});
