"""Imports a site's WSGI_HANDLER the way wfastcgi does, and calls it once.

Usage: python wsgi_probe.py '<json>', where the JSON is {"paths": [...], "handler": "pkg.mod.attr()"},
with "host" (the Host header) and "path" (the URL's path, / by default) if wanted.
Prints one JSON object: {"status": ..., "detail": ...}, where status is ok, import-error,
remove-call (a WSGI app written with "()"), add-call (a factory written without "()"),
str-body (the body is not bytes), or error.
"""
import importlib
import inspect
import io
import json
import sys
import traceback
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator


def resolve(name):
    """The object wfastcgi would find: the longest importable module prefix, then attributes."""
    parts = name.split('.')
    error = ImportError('no module of %r can be imported' % name)
    for cut in range(len(parts) - 1, 0, -1):
        prefix = '.'.join(parts[:cut])
        try:
            module = importlib.import_module(prefix)
        except ImportError as failure:
            missing = getattr(failure, 'name', None)
            # The module is there, and something it imports is not ("No module named 'django'"):
            # that is the error, not the attribute a shorter prefix would then lack.
            if missing and not (prefix == missing or prefix.startswith(missing + '.')):
                raise
            error = failure
            continue
        value = module
        for attribute in parts[cut:]:
            value = getattr(value, attribute)
        return value
    raise error


def required_positional(function):
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    return len([p for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)])


def probe(paths, handler, host=None, path='/'):
    sys.path[0:0] = paths
    calls = handler.endswith('()')
    name = handler[:-2] if calls else handler
    try:
        found = resolve(name)
    except Exception as error:
        return {'status': 'import-error', 'detail': '%s: %s' % (type(error).__name__, error)}
    if calls:
        if required_positional(found) == 2:
            return {'status': 'remove-call', 'detail': '%s takes (environ, start_response): it is the WSGI app' % name}
        app = found()
    else:
        if inspect.isfunction(found) and required_positional(found) == 0:
            return {'status': 'add-call', 'detail': '%s takes no arguments: it is a factory that returns the WSGI app' % name}
        app = found
    environ = {}
    setup_testing_defaults(environ)
    environ.update(QUERY_STRING='', REQUEST_METHOD='GET', PATH_INFO=path)
    if host:
        # The Host header the site's requests carry: Django refuses one ALLOWED_HOSTS lacks.
        environ.update(HTTP_HOST=host, SERVER_NAME=host, SERVER_PORT='443', HTTPS='on')
        environ['wsgi.url_scheme'] = 'https'
    environ['wsgi.input'] = io.BytesIO(b'')
    answered = []

    def start_response(status, headers, exc_info=None):
        answered.append(status)
        return lambda data: None

    try:
        result = validator(app)(environ, start_response)
        try:
            for chunk in result:
                pass
        finally:
            result.close()
    except AssertionError as error:
        if 'bytestring' in str(error) or 'bytes' in str(error):
            return {'status': 'str-body', 'detail': str(error)}
        return {'status': 'error', 'detail': 'wsgiref.validate: %s' % error}
    except Exception:
        return {'status': 'error', 'detail': traceback.format_exc().strip().splitlines()[-1]}
    if answered and answered[0].startswith('400') and host:
        return {'status': 'bad-host', 'detail': 'a GET with Host: %s answered %s' % (host, answered[0])}
    return {'status': 'ok', 'detail': answered[0] if answered else ''}


if __name__ == '__main__':
    request = json.loads(sys.argv[1])
    print(json.dumps(probe(request['paths'], request['handler'], request.get('host'), request.get('path', '/'))))
