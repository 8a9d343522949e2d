"""Calls a WSGI application the way a server would, through wsgiref.validate.

Usage: python wsgi_check.py <folder> <module> <callable>

The folder is appended to sys.path, as wfastcgi does with PYTHONPATH. Every
warning is an error, so any PEP 3333 problem fails the run. Prints one JSON
line per request: method, status, headers and body.
"""
import importlib
import io
import json
import sys
import warnings
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

REQUESTS = [
    ('GET', '/', '', b''),
    ('HEAD', '/', '', b''),
    ('POST', '/form', '', b'name=azure&size=2'),
    ('GET', '/search/deep/path', 'q=wsgi&page=2', b''),
]


def main(folder, module_name, callable_name):
    warnings.simplefilter('error')
    sys.path.append(folder)
    app = validator(getattr(importlib.import_module(module_name), callable_name))
    for method, path, query, body in REQUESTS:
        environ = {}
        setup_testing_defaults(environ)
        environ.update(REQUEST_METHOD=method, PATH_INFO=path, QUERY_STRING=query)
        environ['wsgi.input'] = io.BytesIO(body)
        if body:
            environ['CONTENT_LENGTH'] = str(len(body))
            environ['CONTENT_TYPE'] = 'application/x-www-form-urlencoded'
        response = {}

        def start_response(status, headers, exc_info=None):
            response.update(status=status, headers=headers)
            return lambda data: None

        result = app(environ, start_response)
        try:
            content = b''.join(result)
        finally:
            result.close()
        print(json.dumps({
            'method': method,
            'status': response['status'],
            'headers': response['headers'],
            'body': content.decode('latin-1'),
        }))


if __name__ == '__main__':
    main(*sys.argv[1:4])
