"""A FastCGI worker that serves a site's WSGI_HANDLER the way wfastcgi does, for `serve`.

wfastcgi itself runs only under IIS on Windows (it calls kernel32 and reads IIS's pipe), so
`generator-azure-python serve` starts this one instead. It speaks FastCGI on its stdin and
stdout, as wfastcgi does on the pipe IIS gives it, one request at a time, and is kept alive
across requests. What it does was written from reading wfastcgi 3.0's source:

- On the first request it changes to APPL_PHYSICAL_PATH, sets sys.path[0] to '.', adds the
  site's app settings to the environment, appends PYTHONPATH's entries to sys.path, and imports
  WSGI_HANDLER: the longest importable module prefix, then each attribute, each one called where
  its name ends in "()". An error there is answered as wfastcgi answers it, and ends the worker.
- Each request's environ is the FastCGI parameters (decoded as ISO-8859-1, the raw bytes of
  SCRIPT_NAME, PATH_INFO, QUERY_STRING and HTTP_X_ORIGINAL_URL under wsgi.* names), PATH_INFO
  taken from HTTP_X_ORIGINAL_URL when URL Rewrite set it, without its query; SCRIPT_NAME emptied
  unless AllowPathInfoForScriptMappings is set; wsgi.multiprocess true, wsgi.multithread false.
- A part of the body that is not bytes (a str, on Python 3) is an error after the headers were
  sent: the error goes to FastCGI's stderr, which IIS answers with a 500 holding it.
- WSGI_LOG, when set, gets the lines wfastcgi writes there.

Usage: python fastcgi_worker.py '<json>', the JSON being {"handler": ..., "settings": {...},
"pythonPath": [...]}, with the settings and PYTHONPATH's folders as they are on this machine.
"""
import datetime
import io
import json
import os
import struct
import sys
import traceback

BEGIN_REQUEST, ABORT_REQUEST, END_REQUEST, PARAMS, STDIN, STDOUT, STDERR = 1, 2, 3, 4, 5, 6, 7
RAW_NAMES = {
    'SCRIPT_NAME': 'wsgi.script_name',
    'PATH_INFO': 'wsgi.path_info',
    'QUERY_STRING': 'wsgi.query_string',
    'HTTP_X_ORIGINAL_URL': 'wfastcgi.http_x_original_url',
}


class EndOfInput(Exception):
    pass


def log(text):
    target = os.environ.get('WSGI_LOG')
    if not target:
        return
    try:
        with open(target, 'a', encoding='utf-8') as stream:
            text = text.replace('\r\n', '\n')
            stream.write('%s: %s%s' % (datetime.datetime.now(), text, '' if text.endswith('\n') else '\n'))
    except OSError:
        pass


def read_exactly(stream, size):
    data = b''
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise EndOfInput()
        data += chunk
    return data


def read_record(stream):
    version, kind, request_id, length, padding, _ = struct.unpack('>BBHHBB', read_exactly(stream, 8))
    content = read_exactly(stream, length)
    read_exactly(stream, padding)
    return kind, request_id, content


def read_length(content, offset):
    if content[offset] < 0x80:
        return offset + 1, content[offset]
    return offset + 4, struct.unpack_from('>I', content, offset)[0] & 0x7FFFFFFF


def read_pairs(content):
    offset = 0
    while offset < len(content):
        offset, name_length = read_length(content, offset)
        offset, value_length = read_length(content, offset)
        name = content[offset:offset + name_length]
        offset += name_length
        value = content[offset:offset + value_length]
        offset += value_length
        yield name, value


def write_record(stream, kind, request_id, content):
    offset = 0
    while True:
        part = content[offset:offset + 0xFFFF]
        stream.write(struct.pack('>BBHHBB', 1, kind, request_id, len(part), 0, 0) + part)
        offset += len(part)
        if not part or offset >= len(content):
            break
    stream.flush()


def read_request(stream):
    """The next request's parameters and body."""
    params, body = {}, io.BytesIO()
    while True:
        kind, request_id, content = read_record(stream)
        if kind == PARAMS:
            for name, value in read_pairs(content):
                key = name.decode('iso-8859-1')
                if key in RAW_NAMES:
                    params[RAW_NAMES[key]] = value
                params[key] = value.decode('iso-8859-1')
        elif kind == STDIN:
            if not content:
                body.seek(0)
                return request_id, params, body
            body.write(content)


def find_handler(name):
    """wfastcgi's resolution of WSGI_HANDLER: the longest importable module prefix, then its attributes."""
    if not name:
        raise Exception('WSGI_HANDLER env var must be set')
    module_name, _, callable_name = name.rpartition('.')
    names = [(callable_name[:-2], True) if callable_name.endswith('()') else (callable_name, False)]
    last_error = ''
    while module_name:
        try:
            value = __import__(module_name, fromlist=[names[0][0]])
            for attribute, call in names:
                value = getattr(value, attribute)
                if call:
                    value = value()
            return value
        except ImportError:
            module_name, _, callable_name = module_name.rpartition('.')
            names.insert(0, (callable_name[:-2], True) if callable_name.endswith('()') else (callable_name, False))
            last_error = ': ' + traceback.format_exc()
    raise ValueError('"%s" could not be imported%s' % (name, last_error))


class Response(object):
    def __init__(self, stream, request_id):
        self.stream, self.request_id = stream, request_id
        self.headers, self.sent = None, False

    def start(self, status, headers, exc_info=None):
        if exc_info:
            if self.sent:
                raise exc_info[1].with_traceback(exc_info[2])
        elif self.headers:
            raise Exception('start_response has already been called')
        text = 'Status: %s\r\n' % status + ''.join('%s: %s\r\n' % pair for pair in headers)
        self.headers = (text + '\r\n').encode('iso-8859-1')
        return lambda data: self.send(STDOUT, data)

    def send(self, kind, data):
        if not self.sent:
            if not self.headers:
                raise Exception('start_response has not yet been called')
            self.sent = True
            write_record(self.stream, STDOUT, self.request_id, self.headers)
        if not isinstance(data, bytes):
            raise TypeError('content must be encoded before sending: %r' % data)
        write_record(self.stream, kind, self.request_id, data)


def main():
    config = json.loads(sys.argv[1])
    channel_in, channel_out = sys.stdin.buffer, sys.stdout.buffer
    handler = None
    while True:
        try:
            request_id, params, body = read_request(channel_in)
        except EndOfInput:
            return
        errors = sys.stderr = params['wsgi.errors'] = io.StringIO()
        output = sys.stdout = io.StringIO()
        response = Response(channel_out, request_id)
        fatal, message = False, 'Error occurred'
        try:
            params.update({'wsgi.input': body, 'wsgi.version': (1, 0), 'wsgi.multiprocess': True, 'wsgi.multithread': False, 'wsgi.run_once': False})
            params['wsgi.url_scheme'] = 'https' if params.get('HTTPS', '').lower() == 'on' else 'http'
            if 'HTTP_X_ORIGINAL_URL' in params:
                params['PATH_INFO'] = params['HTTP_X_ORIGINAL_URL']
                params['wsgi.path_info'] = params['wfastcgi.http_x_original_url']
            params['PATH_INFO'] = params.get('PATH_INFO', '').partition('?')[0]
            params['wsgi.path_info'] = params.get('wsgi.path_info', b'').partition(b'?')[0]
            if handler is None:
                fatal, message = True, 'Error occurred while reading WSGI handler'
                os.chdir(params.get('APPL_PHYSICAL_PATH', os.getcwd()))
                sys.path[0] = '.'
                os.environ.update(config['settings'])
                sys.path.extend(config['pythonPath'])
                log('wfastcgi.py (generator-azure-python serve) initializing')
                handler = find_handler(config['handler'])
                fatal, message = False, 'Error occurred'
            os.environ.update(config['settings'])
            if 'AllowPathInfoForScriptMappings' not in os.environ:
                params['SCRIPT_NAME'] = ''
                params['wsgi.script_name'] = b''
            script_name = os.environ.get('SCRIPT_NAME')
            if script_name is not None and params['PATH_INFO'].lower().startswith(script_name.lower()):
                params['SCRIPT_NAME'] = script_name
                params['PATH_INFO'] = params['PATH_INFO'][len(script_name):]
                params['wsgi.script_name'] = script_name.encode('iso-8859-1')
                params['wsgi.path_info'] = params['PATH_INFO'].encode('iso-8859-1')
            result = handler(params, response.start)
            try:
                for part in result:
                    if part:
                        response.send(STDOUT, part)
            finally:
                if hasattr(result, 'close'):
                    result.close()
        except Exception:
            text = '%s:\n\n%s\n\nStdOut: %s\n\nStdErr: %s' % (message, traceback.format_exc(), output.getvalue(), errors.getvalue())
            if not response.sent:
                response.headers = b'Status: 500 Internal Server Error\r\n\r\n'
            response.send(STDERR, text.encode('iso-8859-1', 'replace'))
            log(text)
        write_record(channel_out, END_REQUEST, request_id, b'\0' * 8)
        if fatal:
            return


if __name__ == '__main__':
    main()
