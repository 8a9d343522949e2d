"""Compiles, imports and calls many generated WSGI modules in one process.

Usage: python compile_check.py < sites.json, where sites.json is a list of
{"folder": ..., "moduleDir": ..., "module": ..., "callable": ...}, moduleDir being
the module's folder relative to the site folder ("." for the site folder). Each module is compiled with
py_compile (as Python would on first import), loaded from its file under its
own name, and its callable is called once through wsgiref.validate. Prints one
JSON line per site: {"module": ..., "status": ..., "body": ...}, or exits 1 with
the first failure.
"""
import importlib.util
import io
import json
import os
import py_compile
import sys
import warnings
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator


def check(index, site):
    path = os.path.join(site['folder'], *site['moduleDir'].split('/'), site['module'] + '.py')
    py_compile.compile(path, doraise=True)
    spec = importlib.util.spec_from_file_location('site_%d_%s' % (index, site['module']), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    app = validator(getattr(module, site['callable']))
    environ = {}
    setup_testing_defaults(environ)
    environ.update(QUERY_STRING='')
    environ['wsgi.input'] = io.BytesIO(b'')
    response = {}

    def start_response(status, headers, exc_info=None):
        response['status'] = status
        return lambda data: None

    result = app(environ, start_response)
    try:
        body = b''.join(result)
    finally:
        result.close()
    return {'module': site['module'], 'status': response['status'], 'body': body.decode('utf-8')}


def main():
    warnings.simplefilter('error')
    for index, site in enumerate(json.load(sys.stdin)):
        print(json.dumps(check(index, site)))


if __name__ == '__main__':
    main()
