/* search_ranked.h - a full-text search's hits, best first, kept for
 * paging. Ranking reads every hit's figures, so reading each page with
 * search_text_page (an OFFSET into the ranked hits) ranks them all again
 * for every page. Here they are ranked a chunk at a time into the
 * connection's TEMP table search_ranked (position, source, rank, where it
 * matched, its snippet), the chunks a page needs the first time it needs
 * them; a page then is a range of the table's key. One search is kept per
 * connection: a new one replaces it. Make a new one when the query or
 * the project changes. */
#ifndef JAW_SEARCH_RANKED_H
#define JAW_SEARCH_RANKED_H

#include <stdint.h>

#include "db.h"
#include "err.h"
#include "search.h"

/* Hits ranked at a time: one ranking of every hit, and the snippets of
 * these. */
enum { SEARCH_RANKED_CHUNK = 256 };

struct search_ranked;

/* A new, empty, ranked search of query, count hits (search_text_count),
 * emptying the TEMP table; NULL with err set when it cannot be made. */
struct search_ranked *search_ranked_new(struct jaw_db *db, const char *query, int64_t count,
                                        jaw_err *err);
/* Frees r (NULL is fine); the TEMP table stays until the next one. */
void search_ranked_free(struct search_ranked *r);
/* Reads up to limit hits from offset, best first, ranking the chunks
 * not yet ranked that the page needs. Returns how many, or -1 with err
 * set (then the chunks that failed are ranked again next time). Clear
 * each hit with search_hit_clear. */
int search_ranked_page(struct search_ranked *r, int64_t offset, int limit,
                       struct search_hit *hits, jaw_err *err);
/* The number of hits r pages through. */
int64_t search_ranked_count(const struct search_ranked *r);

#endif
