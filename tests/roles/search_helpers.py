"""What the search tests share: the shipped roles' slugs and a call of the JSON search endpoint."""

from search_queries import CUSTOMER, SENIOR, TSS

__all__ = ["CUSTOMER", "SENIOR", "TSS", "api"]


def api(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()
