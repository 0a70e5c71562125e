import os

from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.urls import resolve

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerguide.settings")

application = get_wsgi_application()

# Import what every request needs while the worker starts, not during its first visitor's request
# (~0.25 s on the 2-core machine, even for a page the cache holds): the URLconf with every view, and
# the cache backend with its client library (careerguide.cachebackend imports redis).
resolve("/")
caches["default"]
