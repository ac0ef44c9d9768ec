#pragma once

#include <stdexcept>
#include <string>

namespace geo {

/// Base of every error that geo/ throws; the message names the file, layer or SQL involved.
class Error : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// A GDAL/OGR call failed; carries GDAL's own message.
class GdalError : public Error
{
public:
    using Error::Error;
};

/// A GEOS call failed; carries GEOS's own message.
class GeosError : public Error
{
public:
    using Error::Error;
};

/// A PROJ call failed (unknown CRS, transformation impossible).
class ProjError : public Error
{
public:
    using Error::Error;
};

/// An SQLite/SpatiaLite call failed; carries the SQLite message and the SQL.
class DatabaseError : public Error
{
public:
    DatabaseError(const std::string& message, int code) : Error(message), m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code = 0;
};

} // namespace geo
