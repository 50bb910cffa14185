// The three loops a buyer moves through, in the product's own words.

export const LOOPS = ['knowledge', 'options', 'results'] as const;
export type Loop = (typeof LOOPS)[number];

export const LOOP_PURPOSE: Record<Loop, string> = {
  knowledge: 'understand the problem with the prospect',
  options: 'weigh solutions and vendors, as their tour guide',
  results: 'check the promised results are happening',
};

export function isLoop(value: string): value is Loop {
  return (LOOPS as readonly string[]).includes(value);
}
