import { APICallError } from '@ai-sdk/provider';
import { editDistance } from '../baseten-edit-distance';
import { BASETEN_CATALOG_CURRENT } from './baseten-catalog-snapshot';

/** The distance of a slug to what was typed: the closer of the whole slug and its model name. */
function distanceTo(typed: string, slug: string): number {
  const lower = slug.toLowerCase();
  const name = lower.slice(lower.indexOf('/') + 1);
  return Math.min(editDistance(typed, lower), editDistance(typed, name));
}

/** The current catalog snapshot's slugs nearest to `modelId`, closest first. */
export function nearestCatalogSlugs(modelId: string, count = 3): string[] {
  const typed = modelId.trim().toLowerCase();
  return BASETEN_CATALOG_CURRENT.map(entry => ({
    slug: entry.id,
    distance: distanceTo(typed, entry.id),
  }))
    .sort((a, b) => a.distance - b.distance || a.slug.localeCompare(b.slug))
    .slice(0, count)
    .map(entry => entry.slug);
}

/**
 * For Model APIs' 404 on a slug the catalog snapshot does not list: the
 * nearest slugs, to add to Baseten's own message; undefined otherwise.
 */
export function unknownSlugExplanation(
  error: unknown,
  modelId: string,
): string | undefined {
  if (!APICallError.isInstance(error) || error.statusCode !== 404)
    return undefined;
  if (BASETEN_CATALOG_CURRENT.some(entry => entry.id === modelId))
    return undefined;
  return `"${modelId}" is not a Model APIs slug in this package's catalog snapshot; nearest: ${nearestCatalogSlugs(
    modelId,
  ).join(', ')}. baseten.getAvailableModels() lists the live catalog`;
}
