// libpq's functions, loaded on first use (migrations/on_demand_library.h):
// one line for each function migcheck or libpqxx (linked in statically, so
// that its calls come here) calls. A function used without a line here fails
// to link.
#include <libpq-fe.h>

#include "migrations/on_demand_library.h"

namespace {
constinit migcheck::OnDemandLibrary libpq(MIGCHECK_LIBPQ_SONAME);
}  // namespace

MIGCHECK_ON_DEMAND(libpq, int, PQbackendPID, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQcancel, (PGcancel * cancel, char* errbuf, int errbufsize),
                   (cancel, errbuf, errbufsize))
MIGCHECK_ON_DEMAND(libpq, void, PQclear, (PGresult * res), (res))
MIGCHECK_ON_DEMAND(libpq, int, PQclientEncoding, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, char*, PQcmdStatus, (PGresult * res), (res))
MIGCHECK_ON_DEMAND(libpq, char*, PQcmdTuples, (PGresult * res), (res))
MIGCHECK_ON_DEMAND(libpq, PostgresPollingStatusType, PQconnectPoll, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, PGconn*, PQconnectStart, (const char* conninfo), (conninfo))
MIGCHECK_ON_DEMAND(libpq, PGconn*, PQconnectdb, (const char* conninfo), (conninfo))
MIGCHECK_ON_DEMAND(libpq, void, PQconninfoFree, (PQconninfoOption * connOptions), (connOptions))
MIGCHECK_ON_DEMAND(libpq, PQconninfoOption*, PQconninfoParse, (const char* conninfo, char** errmsg),
                   (conninfo, errmsg))
MIGCHECK_ON_DEMAND(libpq, int, PQconsumeInput, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, char*, PQdb, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, char*, PQencryptPassword, (const char* passwd, const char* user),
                   (passwd, user))
MIGCHECK_ON_DEMAND(libpq, int, PQendcopy, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, char*, PQerrorMessage, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, unsigned char*, PQescapeByteaConn,
                   (PGconn * conn, const unsigned char* from, size_t from_length,
                    size_t* to_length),
                   (conn, from, from_length, to_length))
MIGCHECK_ON_DEMAND(libpq, char*, PQescapeIdentifier, (PGconn * conn, const char* str, size_t len),
                   (conn, str, len))
MIGCHECK_ON_DEMAND(libpq, size_t, PQescapeStringConn,
                   (PGconn * conn, char* to, const char* from, size_t length, int* error),
                   (conn, to, from, length, error))
MIGCHECK_ON_DEMAND(libpq, PGresult*, PQexec, (PGconn * conn, const char* query), (conn, query))
MIGCHECK_ON_DEMAND(libpq, PGresult*, PQexecParams,
                   (PGconn * conn, const char* command, int nParams, const Oid* paramTypes,
                    const char* const* paramValues, const int* paramLengths,
                    const int* paramFormats, int resultFormat),
                   (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats,
                    resultFormat))
MIGCHECK_ON_DEMAND(libpq, PGresult*, PQexecPrepared,
                   (PGconn * conn, const char* stmtName, int nParams,
                    const char* const* paramValues, const int* paramLengths,
                    const int* paramFormats, int resultFormat),
                   (conn, stmtName, nParams, paramValues, paramLengths, paramFormats, resultFormat))
MIGCHECK_ON_DEMAND(libpq, void, PQfinish, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, char*, PQfname, (const PGresult* res, int field_num), (res, field_num))
MIGCHECK_ON_DEMAND(libpq, int, PQfnumber, (const PGresult* res, const char* field_name),
                   (res, field_name))
MIGCHECK_ON_DEMAND(libpq, void, PQfreeCancel, (PGcancel * cancel), (cancel))
MIGCHECK_ON_DEMAND(libpq, void, PQfreemem, (void* ptr), (ptr))
MIGCHECK_ON_DEMAND(libpq, Oid, PQftable, (const PGresult* res, int field_num), (res, field_num))
MIGCHECK_ON_DEMAND(libpq, int, PQftablecol, (const PGresult* res, int field_num), (res, field_num))
MIGCHECK_ON_DEMAND(libpq, Oid, PQftype, (const PGresult* res, int field_num), (res, field_num))
MIGCHECK_ON_DEMAND(libpq, PGcancel*, PQgetCancel, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQgetCopyData, (PGconn * conn, char** buffer, int async),
                   (conn, buffer, async))
MIGCHECK_ON_DEMAND(libpq, PGresult*, PQgetResult, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQgetisnull, (const PGresult* res, int tup_num, int field_num),
                   (res, tup_num, field_num))
MIGCHECK_ON_DEMAND(libpq, int, PQgetlength, (const PGresult* res, int tup_num, int field_num),
                   (res, tup_num, field_num))
MIGCHECK_ON_DEMAND(libpq, char*, PQgetvalue, (const PGresult* res, int tup_num, int field_num),
                   (res, tup_num, field_num))
MIGCHECK_ON_DEMAND(libpq, char*, PQhost, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQisBusy, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQisthreadsafe, (void), ())
MIGCHECK_ON_DEMAND(libpq, int, PQnfields, (const PGresult* res), (res))
MIGCHECK_ON_DEMAND(libpq, PGnotify*, PQnotifies, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQntuples, (const PGresult* res), (res))
MIGCHECK_ON_DEMAND(libpq, Oid, PQoidValue, (const PGresult* res), (res))
MIGCHECK_ON_DEMAND(libpq, PGPing, PQping, (const char* conninfo), (conninfo))
MIGCHECK_ON_DEMAND(libpq, char*, PQport, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, PGresult*, PQprepare,
                   (PGconn * conn, const char* stmtName, const char* query, int nParams,
                    const Oid* paramTypes),
                   (conn, stmtName, query, nParams, paramTypes))
MIGCHECK_ON_DEMAND(libpq, int, PQprotocolVersion, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQputCopyData, (PGconn * conn, const char* buffer, int nbytes),
                   (conn, buffer, nbytes))
MIGCHECK_ON_DEMAND(libpq, int, PQputCopyEnd, (PGconn * conn, const char* errormsg),
                   (conn, errormsg))
MIGCHECK_ON_DEMAND(libpq, void, PQreset, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, char*, PQresultErrorField, (const PGresult* res, int fieldcode),
                   (res, fieldcode))
MIGCHECK_ON_DEMAND(libpq, char*, PQresultErrorMessage, (const PGresult* res), (res))
MIGCHECK_ON_DEMAND(libpq, ExecStatusType, PQresultStatus, (const PGresult* res), (res))
MIGCHECK_ON_DEMAND(libpq, int, PQsendQuery, (PGconn * conn, const char* query), (conn, query))
MIGCHECK_ON_DEMAND(libpq, int, PQserverVersion, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, PQsetClientEncoding, (PGconn * conn, const char* encoding),
                   (conn, encoding))
MIGCHECK_ON_DEMAND(libpq, PGVerbosity, PQsetErrorVerbosity, (PGconn * conn, PGVerbosity verbosity),
                   (conn, verbosity))
MIGCHECK_ON_DEMAND(libpq, PQnoticeProcessor, PQsetNoticeProcessor,
                   (PGconn * conn, PQnoticeProcessor proc, void* arg), (conn, proc, arg))
MIGCHECK_ON_DEMAND(libpq, int, PQsocket, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, ConnStatusType, PQstatus, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, void, PQtrace, (PGconn * conn, FILE* debug_port), (conn, debug_port))
MIGCHECK_ON_DEMAND(libpq, unsigned char*, PQunescapeBytea,
                   (const unsigned char* strtext, size_t* retbuflen), (strtext, retbuflen))
MIGCHECK_ON_DEMAND(libpq, void, PQuntrace, (PGconn * conn), (conn))
MIGCHECK_ON_DEMAND(libpq, char*, PQuser, (const PGconn* conn), (conn))
MIGCHECK_ON_DEMAND(libpq, int, lo_close, (PGconn * conn, int fd), (conn, fd))
MIGCHECK_ON_DEMAND(libpq, Oid, lo_creat, (PGconn * conn, int mode), (conn, mode))
MIGCHECK_ON_DEMAND(libpq, int, lo_export, (PGconn * conn, Oid lobjId, const char* filename),
                   (conn, lobjId, filename))
MIGCHECK_ON_DEMAND(libpq, Oid, lo_import, (PGconn * conn, const char* filename), (conn, filename))
MIGCHECK_ON_DEMAND(libpq, int, lo_lseek, (PGconn * conn, int fd, int offset, int whence),
                   (conn, fd, offset, whence))
MIGCHECK_ON_DEMAND(libpq, int, lo_open, (PGconn * conn, Oid lobjId, int mode), (conn, lobjId, mode))
MIGCHECK_ON_DEMAND(libpq, int, lo_read, (PGconn * conn, int fd, char* buf, size_t len),
                   (conn, fd, buf, len))
MIGCHECK_ON_DEMAND(libpq, int, lo_tell, (PGconn * conn, int fd), (conn, fd))
MIGCHECK_ON_DEMAND(libpq, int, lo_unlink, (PGconn * conn, Oid lobjId), (conn, lobjId))
MIGCHECK_ON_DEMAND(libpq, int, lo_write, (PGconn * conn, int fd, const char* buf, size_t len),
                   (conn, fd, buf, len))
MIGCHECK_ON_DEMAND(libpq, const char*, pg_encoding_to_char, (int encoding), (encoding))
