-- Neovim's own LSP client (0.7 API) against `migcheck lsp`: opens a migration,
-- waits for its diagnostics, applies the preferred quick fix for the finding
-- $MIGCHECK_CODE names and saves the file.
-- Run by lsp_neovim_test.cpp: nvim --headless --clean -u NONE -c 'luafile this'.
-- What it saw goes to $MIGCHECK_RESULT, one "key: value" a line.
local binary = os.getenv("MIGCHECK_BINARY")
local root = os.getenv("MIGCHECK_ROOT")
local file = os.getenv("MIGCHECK_FILE")
local result = io.open(os.getenv("MIGCHECK_RESULT"), "w")

local function finish(code)
  result:close()
  vim.cmd(code == 0 and "qall!" or "cquit! " .. code)
end

local function report(key, value)
  result:write(key .. ": " .. value .. "\n")
  result:flush()
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local buffer = vim.api.nvim_get_current_buf()

local published = nil -- the latest diagnostics the server published
local client_id = vim.lsp.start_client({
  name = "migcheck",
  cmd = { binary, "lsp" },
  root_dir = root,
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      published = params.diagnostics
    end,
  },
})
if not client_id then
  report("error", "the client did not start")
  return finish(3)
end
vim.lsp.buf_attach_client(buffer, client_id)

if not vim.wait(30000, function() return published ~= nil end, 20) then
  report("error", "no diagnostics within 30 s")
  return finish(4)
end
local codes = {}
for _, diagnostic in ipairs(published) do table.insert(codes, diagnostic.code) end
report("diagnostics", table.concat(codes, ","))
-- Neovim's own diagnostic store has them too.
report("stored", tostring(#vim.diagnostic.get(buffer)))
if #published == 0 then return finish(5) end

-- The finding the test names, and the fix the server prefers for it.
local wanted = nil
for _, diagnostic in ipairs(published) do
  if diagnostic.code == os.getenv("MIGCHECK_CODE") then wanted = wanted or diagnostic end
end
if not wanted then
  report("error", "no diagnostic " .. os.getenv("MIGCHECK_CODE"))
  return finish(6)
end
local responses = vim.lsp.buf_request_sync(buffer, "textDocument/codeAction", {
  textDocument = { uri = vim.uri_from_bufnr(buffer) },
  range = wanted.range,
  context = { diagnostics = { wanted } },
}, 30000)
local action = nil
for _, response in pairs(responses or {}) do
  for _, candidate in ipairs(response.result or {}) do
    if candidate.isPreferred then action = action or candidate end
  end
end
if not action then
  report("error", "no preferred code action")
  return finish(6)
end
report("action", action.title)

published = nil
vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
vim.cmd("write")
-- The change and the save each publish; wait for diagnostics without the
-- fixed finding, and report the latest whatever they hold.
local function fixed()
  if not published then return false end
  for _, diagnostic in ipairs(published) do
    if diagnostic.code == os.getenv("MIGCHECK_CODE") then return false end
  end
  return true
end
vim.wait(30000, fixed, 20)
if not published then
  report("error", "no diagnostics after the edit")
  return finish(7)
end
local after = {}
for _, diagnostic in ipairs(published) do table.insert(after, diagnostic.code) end
report("after", table.concat(after, ","))

vim.lsp.stop_client(client_id)
finish(0)
