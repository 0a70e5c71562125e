"""The editors' admin, registered from its modules: the role page with its inlines and document import
(``role``), the catalog's reference rows (``catalog``), and what a version carries (``versions``)."""

from roles.admin import catalog, role, versions  # noqa: F401  (registers the admins and versions)
