"""The read-only JSON API: roles, search and the self-check's skill lists (``roles.api.roles``,
``roles.api.search``, ``roles.api.skills``)."""
