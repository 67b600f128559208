import { describe, expect, it } from 'vitest';
import { splitFullName } from './index';

describe('splitFullName', () => {
  it.each([
    ['Ann Lee', 'Ann', 'Lee'],
    ['Mary Ann Smith', 'Mary Ann', 'Smith'],
    ['Lee, Ann', 'Ann', 'Lee'],
    ['Lee,Ann Marie', 'Ann Marie', 'Lee'],
    ['Dr. Ann Lee', 'Ann', 'Lee'],
    ['Mrs Ann Lee', 'Ann', 'Lee'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Maria de la Cruz', 'Maria', 'de la Cruz'],
    ['John Smith Jr.', 'John', 'Smith Jr.'],
    ['John Smith, Jr.', 'John', 'Smith Jr.'],
    ['  Kari   Nordmann  ', 'Kari', 'Nordmann'],
    ['Kari Berg Hansen', 'Kari Berg', 'Hansen'],
    ['Prince', 'Prince', ''],
    ['', '', ''],
  ])('splits %j into first %j and last %j', (value, first, last) => {
    expect(splitFullName(value)).toEqual({ first, last });
  });

  it('keeps a name that is only a particle and a word as first and last name', () => {
    expect(splitFullName('Van Morrison')).toEqual({ first: 'Van', last: 'Morrison' });
  });
});
