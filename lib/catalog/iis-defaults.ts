/*
 * What a site inherits from IIS's server-wide configuration (applicationHost.config) that the
 * schema files do not hold: the static file handler's MIME map and the default documents. A
 * site's web.config changes both (<staticContent>, <defaultDocument>); see lib/iis/request-pipeline.ts.
 */

/**
 * IIS 10's default MIME map, by type: a file whose extension has no row is not served by the
 * static file handler (404.3), whatever it holds. Sources: the <staticContent> section of IIS's
 * applicationHost.config as installed (IIS Express ships the same in its config templates), and
 * https://learn.microsoft.com/en-us/iis/configuration/system.webserver/staticcontent/mimemap.
 * The rows are the types a web site's files have; the many Office, media-player and
 * certificate types of the full map that no Python site serves are left out.
 */
const mimeTypeRows: readonly (readonly [type: string, extensions: string])[] = [
  ['text/html', '.htm .html .hxt'],
  ['text/css', '.css'],
  ['text/plain', '.txt .map .asm .bas .c .cnf .cpp .h .vcs .xdr'],
  ['text/xml', '.xml .xsd .xsl .xslt .dtd .disco .wsdl .vml .mno .xsf'],
  ['text/calendar', '.ics .ical .icalendar .ifb'],
  ['text/tab-separated-values', '.tsv'],
  ['text/x-vcard', '.vcf'],
  ['text/x-component', '.htc'],
  ['text/jscript', '.jsx'],
  ['text/vbscript', '.vbs'],
  ['text/sgml', '.sgml'],
  ['application/javascript', '.js'],
  ['application/json', '.json'],
  ['application/xhtml+xml', '.xhtml .xht'],
  ['application/atom+xml', '.atom'],
  ['application/rtf', '.rtf'],
  ['application/pdf', '.pdf'],
  ['application/postscript', '.ps .eps .ai'],
  ['application/msword', '.doc .dot'],
  ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.docx'],
  ['application/vnd.ms-excel', '.xls .xla .xlc .xlm .xlt .xlw'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.xlsx'],
  ['application/vnd.ms-powerpoint', '.ppt .pot .pps'],
  ['application/vnd.openxmlformats-officedocument.presentationml.presentation', '.pptx'],
  ['application/x-zip-compressed', '.zip'],
  ['application/x-gzip', '.gz'],
  ['application/x-compressed', '.tgz'],
  ['application/x-tar', '.tar'],
  ['application/java-archive', '.jar'],
  ['application/x-sh', '.sh'],
  ['application/x-shockwave-flash', '.swf'],
  ['application/x-x509-ca-cert', '.crt .der'],
  ['application/x-pkcs12', '.p12 .pfx'],
  ['application/vnd.ms-fontobject', '.eot'],
  // IIS's own choices, not the registered types: a CSV or TTF file downloads rather than displays.
  ['application/octet-stream', '.csv .ttf .bin .exe .dll .msi .rar .psd .java .inf .chm .deploy'],
  ['font/x-woff', '.woff'],
  ['font/otf', '.otf'],
  ['image/png', '.png .pnz'],
  ['image/gif', '.gif'],
  ['image/jpeg', '.jpg .jpeg .jpe'],
  ['image/pjpeg', '.jfif'],
  ['image/bmp', '.bmp .dib'],
  ['image/x-icon', '.ico'],
  ['image/svg+xml', '.svg .svgz'],
  ['image/tiff', '.tif .tiff'],
  ['audio/mpeg', '.mp3'],
  ['audio/mp4', '.m4a'],
  ['audio/aac', '.aac'],
  ['audio/wav', '.wav'],
  ['audio/ogg', '.oga .spx'],
  ['audio/mid', '.mid .midi .rmi'],
  ['video/mp4', '.mp4 .mp4v .m4v'],
  ['video/webm', '.webm'],
  ['video/ogg', '.ogg .ogv'],
  ['video/mpeg', '.mpeg .mpg .mpe .mpa .mp2 .m1v .mpv2'],
  ['video/quicktime', '.mov .qt'],
  ['video/x-msvideo', '.avi'],
  ['video/x-flv', '.flv'],
  ['video/3gpp', '.3gp .3gpp'],
];

/**
 * Extensions a Python site's files have that the default map does not list (so IIS answers
 * 404.3 for them unless web.config adds a <mimeMap>): the tests hold the model to these too.
 */
export const unmappedExtensions: readonly string[] = ['', '.py', '.pyc', '.pyo', '.fcgi', '.config', '.md', '.yml', '.yaml', '.toml', '.ini', '.cfg', '.ps1', '.log', '.lock', '.woff2', '.webp', '.wasm', '.mjs'];

/** Extension (lower case, with its dot) to MIME type: IIS's defaults. */
export const iisDefaultMimeTypes: ReadonlyMap<string, string> = new Map(mimeTypeRows.flatMap(([type, extensions]) => extensions.split(' ').map(extension => [extension, type] as const)));

/**
 * IIS's default documents, in the order the default document module tries them when a URL
 * names a folder. https://learn.microsoft.com/en-us/iis/configuration/system.webserver/defaultdocument
 * (Default.aspx is added by ASP.NET's set-up, which App Service and most IIS servers have).
 */
export const iisDefaultDocuments: readonly string[] = ['Default.htm', 'Default.asp', 'index.htm', 'index.html', 'iisstart.htm', 'default.aspx'];

/**
 * What IIS's request filtering refuses before any handler runs, as applicationHost.config sets it
 * at installation (https://learn.microsoft.com/en-us/iis/configuration/system.webserver/security/requestfiltering/):
 * URLs with one of these segments are a 404.8, whatever the case; a site's <hiddenSegments>
 * adds to them, and <clear/> or <remove> takes them away.
 */
export const iisDefaultHiddenSegments: readonly string[] = ['web.config', 'bin', 'App_code', 'App_GlobalResources', 'App_LocalResources', 'App_WebReferences', 'App_Data', 'App_Browsers'];

/** The file extensions request filtering denies by default (a 404.7): ASP.NET's source and data files, and .config. */
export const iisDefaultDeniedExtensions: readonly string[] = (
  '.asax .ascx .master .skin .browser .sitemap .config .cs .csproj .vb .vbproj .webinfo .licx .resx .resources .mdb .vjsproj .java .jsl .ldb ' +
  '.dsdgm .ssdgm .lsad .ssmap .cd .dsprototype .lsaprototype .sdm .sdmDocument .mdf .ldf .ad .dd .ldd .sd .adprototype .lddprototype .exclude ' +
  '.refresh .compiled .msgx .vsdisco .rules'
).split(' ');
