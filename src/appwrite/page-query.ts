// One page of an Appwrite list: 1.5+ takes JSON queries (docs/appwrite/wire.md section 3.4). `total` is left at
// its default (true) because paging needs it.
export function pageQuery(limit: number, offset: number): URLSearchParams {
  const query = new URLSearchParams()
  query.append('queries[]', JSON.stringify({ method: 'limit', values: [limit] }))
  query.append('queries[]', JSON.stringify({ method: 'offset', values: [offset] }))
  return query
}
