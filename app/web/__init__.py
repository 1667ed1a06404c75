"""The web page at ``/`` and the embeddable widget: static files written here, no CDN, no bundle."""
