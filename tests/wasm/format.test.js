// Number formatting with either decimal separator: the digits never change,
// only the separator; in TeX a decimal comma is braced ({,}) so KaTeX does not
// space it as punctuation.
import { afterEach, describe, expect, test } from 'vitest';
import {
  decimalSeparator,
  formatCount,
  formatFull,
  formatInput,
  formatPercentTex,
  formatPowerOfTen,
  formatTex,
  formatText,
  formatTick,
  setDecimalSeparator,
} from '../../web/src/render/format.js';
import { separatorOf } from '../../web/src/page/settings.js';

afterEach(() => setDecimalSeparator('.'));

describe('decimal separator', () => {
  test('a point by default', () => {
    expect(decimalSeparator()).toBe('.');
    expect(formatTex(0.2533)).toBe('0.2533');
    expect(formatText(-0.694431)).toBe('−0.6944');
    expect(formatFull(0.27878044499999993)).toBe('0.27878044499999993');
    expect(formatPercentTex(0.1947)).toBe('19.5\\,\\%');
  });

  test('a comma, braced in TeX', () => {
    setDecimalSeparator(',');
    expect(formatTex(0.2533)).toBe('0{,}2533');
    expect(formatTex(0.1, { given: true })).toBe('0{,}10');
    expect(formatTex(2, { given: true })).toBe('2');
    expect(formatText(-0.694431)).toBe('−0,6944');
    expect(formatFull(-0.38081699999999996)).toBe('−0,38081699999999996');
    expect(formatPercentTex(0.1947)).toBe('19{,}5\\,\\%');
    expect(formatInput(-0.125)).toBe('-0,125');
    expect(formatInput(1e-7)).toBe('1e-7');
  });

  test('scientific notation: the same text, the separator swapped', () => {
    for (const v of [-1.5e-7, 1.234e-9, 2.5e7]) {
      const point = { tex: formatTex(v), text: formatText(v) };
      setDecimalSeparator(',');
      expect(formatTex(v)).toBe(point.tex.replace('.', '{,}'));
      expect(formatText(v)).toBe(point.text.replace('.', ','));
      setDecimalSeparator('.');
    }
  });

  test('anything else is refused', () => {
    expect(() => setDecimalSeparator(' ')).toThrow(/decimal separator/);
  });
});

describe('percentages', () => {
  test('one decimal, no sign, no grouping', () => {
    expect(formatPercentTex(-0.1947)).toBe('19.5\\,\\%');
    expect(formatPercentTex(12.3456)).toBe('1234.6\\,\\%');
    expect(formatPercentTex(0)).toBe('0.0\\,\\%');
    expect(formatPercentTex(Infinity)).toBe('\\text{overflow}');
  });
});

describe('the separator of a language', () => {
  test('English needs no lookup; others ask Intl', () => {
    expect(separatorOf('en-US')).toBe('.');
    expect(separatorOf('de-DE')).toBe(',');
    expect(separatorOf('fr')).toBe(',');
    expect(separatorOf('ja-JP')).toBe('.');
    expect(separatorOf('not a language tag')).toBe('.');
  });
});

describe('counts', () => {
  test('thousands set apart by a narrow no-break space', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(1000)).toBe('1\u202f000');
    expect(formatCount(100000)).toBe('100\u202f000');
    expect(formatCount(1000000)).toBe('1\u202f000\u202f000');
  });
});

describe('plot ticks', () => {
  test("as many decimals as the step between ticks, in the reader's form", () => {
    expect(formatTick(0.25, 0.05)).toBe('0.25');
    expect(formatTick(0.2, 0.05)).toBe('0.20');
    expect(formatTick(0.025, 0.025)).toBe('0.025');
    expect(formatTick(4, 2)).toBe('4');
    expect(formatTick(-0.5, 0.5)).toBe('−0.5');
    // a tick at zero computed as 1e-17
    expect(formatTick(1e-17, 0.1)).toBe('0');
    setDecimalSeparator(',');
    expect(formatTick(0.25, 0.05)).toBe('0,25');
    expect(formatTick(-0.5, 0.5)).toBe('−0,5');
  });

  test('powers of ten on a log axis', () => {
    expect(formatPowerOfTen(-8)).toBe('10⁻⁸');
    expect(formatPowerOfTen(0)).toBe('10⁰');
    expect(formatPowerOfTen(12)).toBe('10¹²');
  });
});
