// One page of companies matching the filter in ascending id order after $after,
// and how many match in all. $nameContains is lower-cased by the caller.
CALL () {
  MATCH (n:Company)
  WHERE ($nameContains IS NULL OR n.nameLower CONTAINS $nameContains)
    AND ($industry IS NULL OR n.industry = $industry)
    AND ($country IS NULL OR n.country = $country)
    AND ($tiers IS NULL OR n.tier IN $tiers)
    AND ($statuses IS NULL OR n.status IN $statuses)
    AND ($tag IS NULL OR $tag IN coalesce(n.tags, []))
    AND (NOT $accountsOnly
         OR (coalesce(n.home, false) = false AND (n.tier IS NOT NULL OR n.status IS NOT NULL)))
  RETURN count(n) AS total
}
CALL () {
  MATCH (n:Company)
  WHERE ($after IS NULL OR n.id > $after)
    AND ($nameContains IS NULL OR n.nameLower CONTAINS $nameContains)
    AND ($industry IS NULL OR n.industry = $industry)
    AND ($country IS NULL OR n.country = $country)
    AND ($tiers IS NULL OR n.tier IN $tiers)
    AND ($statuses IS NULL OR n.status IN $statuses)
    AND ($tag IS NULL OR $tag IN coalesce(n.tags, []))
    AND (NOT $accountsOnly
         OR (coalesce(n.home, false) = false AND (n.tier IS NOT NULL OR n.status IS NOT NULL)))
  WITH n ORDER BY n.id LIMIT $limit
  RETURN collect({id: n.id, labels: labels(n), props: properties(n)}) AS items
}
RETURN total, items
