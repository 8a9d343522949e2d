"""Resolves a WSGI_HANDLER as wfastcgi does (python/wsgi_probe.py's resolve), then sends it
three GETs through wsgiref.validate: the home page, a page that does not exist, and a static file.

Usage: python framework_check.py <package python folder> '<json>', the JSON being
{"paths": [...], "handler": "..."}. Prints one JSON line per request: path, status, body.
"""
import io
import json
import sys
import warnings
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import WSGIWarning, validator


def main(probe_folder, request):
    # A PEP 3333 problem fails; the frameworks' own deprecation warnings are theirs.
    warnings.simplefilter('error', WSGIWarning)
    sys.path.insert(0, probe_folder)
    from wsgi_probe import resolve

    sys.path[0:0] = request['paths']
    handler = request['handler']
    app = resolve(handler[:-2])() if handler.endswith('()') else resolve(handler)
    for path in ['/', '/no/such/page', '/static/hello.txt']:
        environ = {}
        setup_testing_defaults(environ)
        environ.update(REQUEST_METHOD='GET', PATH_INFO=path, QUERY_STRING='', HTTP_HOST='localhost')
        environ['wsgi.input'] = io.BytesIO(b'')
        response = {}

        def start_response(status, headers, exc_info=None):
            response['status'] = status
            return lambda data: None

        result = validator(app)(environ, start_response)
        try:
            body = b''.join(result)
        finally:
            result.close()
        print(json.dumps({'path': path, 'status': response['status'], 'body': body.decode('utf-8', 'replace')[:200]}))


if __name__ == '__main__':
    main(sys.argv[1], json.loads(sys.argv[2]))
