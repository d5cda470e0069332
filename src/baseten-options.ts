/** The key under `providerOptions` every Baseten model reads. */
export const PROVIDER_OPTIONS_KEY = 'baseten';

/** An options type's names as a list; the argument must name every key of `T` and no other. */
export function optionNames<T extends object>(names: {
  readonly [K in keyof Required<T>]: true;
}): readonly (keyof T & string)[] {
  return Object.keys(names) as (keyof T & string)[];
}
