"""Ranking quality over the committed query set: mean reciprocal rank >= 0.9 on this database."""

from search_queries import QUERIES


def test_query_set_is_substantial():
    assert len(QUERIES) >= 30
    queries = [query for query, _ in QUERIES]
    for required in ("techincal suport", "custmer", "certif", "how much does a senior support specialist earn"):
        assert required in queries


def test_mean_reciprocal_rank_is_at_least_0_9(client, catalog):
    reciprocal_ranks = []
    misses = []
    for query, expected in QUERIES:
        found = [result["slug"] for result in client.get("/api/search/", {"q": query}).json()["results"]]
        rank = found.index(expected) + 1 if expected in found else None
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        if rank != 1:
            misses.append((query, expected, found))
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    print(f"MRR {mrr:.3f} over {len(QUERIES)} queries; not first: {misses}")
    assert mrr >= 0.9, misses
