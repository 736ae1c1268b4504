"""Clients for official statistics services: Statistics Denmark's StatBank and PxWeb.

Not part of the pure core: these modules speak HTTP (httpx). What they fetch is turned into tidy counts by
the core's own readers (:func:`mangfold.population.readers.read_jsonstat`), so a fetched table and a
downloaded file of the same table give the same counts.

- :mod:`.statbank`: api.statbank.dk v1 (``tableinfo``, ``data`` as JSON-stat or the streamed BULK CSV).
- :mod:`.pxweb`: PxWebApi 2 (JSON-stat 2.0) and PxWeb API v1 (Statistics Norway, Sweden, Finland).
- :mod:`.http`: timeouts, retries with back-off, the rate limiter.
- :mod:`.errors`: :class:`FetchError`, the one error type, with the service's own message.
"""
