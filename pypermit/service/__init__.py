"""The HTTP service and the counsellor's page (pypermit serve), on the public API."""
