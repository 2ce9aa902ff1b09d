import { countersFor, type FiguresDelta, type TradeFacets } from '../../domain/aggregates';
import { ENTITY, keys } from './keys';
import type { TransactItem } from './support';

/**
 * The ADD updates a traded tender makes to every report counter it belongs to.
 *
 * Why ADD: counters commute, so concurrent awards never lose an increment.
 */
export function aggregateUpdates(
  tableName: string,
  facets: TradeFacets,
  delta: FiguresDelta,
): TransactItem[] {
  const figures = Object.entries(delta).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number',
  );
  if (figures.length === 0) return [];
  const names = Object.fromEntries(figures.map(([name], i) => [`#f${i}`, name]));
  const values = Object.fromEntries(figures.map(([, value], i) => [`:f${i}`, value]));
  return countersFor(facets).map(({ scope, line, label }) => ({
    Update: {
      TableName: tableName,
      Key: { pk: keys.aggregatePartition(facets.year, scope), sk: line },
      UpdateExpression: `ADD ${figures.map((_, i) => `#f${i} :f${i}`).join(', ')} SET entity = :entity, label = :label`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':entity': ENTITY.aggregate, ':label': label },
    },
  }));
}
