"""Calls a site's WSGI_HANDLER once, resolved the way wfastcgi resolves it, and prints the response.

Usage: python handler_call.py '<json>', the JSON being {"paths": [...], "handler": "pkg.mod.attr()",
"path": "/"}, with "https": true for a request App Service's front end passed on as HTTPS. The handler is found by the package's own probe (python/wsgi_probe.py: wfastcgi's
rules); the app settings are the environment, as wfastcgi sets them. Prints {"status", "body"}.
"""
import io
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'python'))
from wsgi_probe import resolve  # noqa: E402

del sys.path[0]


def call(paths, handler, path, https=False):
    # wfastcgi runs in the site root with '.' as sys.path[0], and appends PYTHONPATH's entries.
    sys.path[0] = '.'
    sys.path.extend(paths)
    calls = handler.endswith('()')
    found = resolve(handler[:-2] if calls else handler)
    app = found() if calls else found
    environ = {
        'REQUEST_METHOD': 'GET', 'PATH_INFO': path, 'QUERY_STRING': '', 'SERVER_NAME': 'localhost',
        'SERVER_PORT': '80', 'SERVER_PROTOCOL': 'HTTP/1.1', 'SCRIPT_NAME': '', 'HTTP_HOST': 'localhost',
        'wsgi.version': (1, 0), 'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b''),
        'wsgi.errors': sys.stderr, 'wsgi.multithread': False, 'wsgi.multiprocess': True, 'wsgi.run_once': False,
    }
    if https:
        environ.update({'HTTPS': 'on', 'SERVER_PORT': '443', 'wsgi.url_scheme': 'https'})
    response = {}

    def start_response(status, headers, exc_info=None):
        response['status'] = status
        return lambda data: None

    result = app(environ, start_response)
    try:
        body = b''.join(result)
    finally:
        if hasattr(result, 'close'):
            result.close()
    return {'status': response['status'], 'body': body.decode('utf-8', 'replace')}


if __name__ == '__main__':
    request = json.loads(sys.argv[1])
    print(json.dumps(call(request['paths'], request['handler'], request.get('path', '/'), request.get('https', False))))
