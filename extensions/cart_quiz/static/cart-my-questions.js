/* cart_quiz "My questions": the reader's questions for the care team. The list lives only in
   this browser and nothing is sent anywhere. Reading and writing it is left to cart-storage.js
   (window.cartStorage), which cart-quiz.js uses too, so both agree on what can be read and on
   what is the same question. Saved data that cannot be read is never replaced without the
   reader's explicit go-ahead, and a change that cannot be stored leaves the list as it was.
   Without cart-storage.js the page keeps its no-script form (the suggested questions). */
(function () {
  "use strict";

  var store = null; // window.cartStorage, set by start()
  var OTHER = "other";
  var ANSWER_LINES = 3;

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  /* cart-storage.js (window.cartStorage) loads before this script on every page that needs
     it; without it, saving is switched off and nothing else breaks. */

  function isEntry(item) {
    return store.isEntry(item);
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function makeButton(className, text, label) {
    var button = make("button", className, text);
    button.type = "button";
    if (label) button.setAttribute("aria-label", label);
    return button;
  }

  function answerLines() {
    var lines = make("span", "cart-mq-lines");
    lines.setAttribute("aria-hidden", "true");
    for (var i = 0; i < ANSWER_LINES; i += 1) lines.appendChild(make("span", "cart-mq-line"));
    return lines;
  }

  /* Storage, through cart-storage.js: "ok", "blocked" or "corrupt" (not a list). */
  function readList() {
    var result = store.read();
    return {
      state: result.state === "unreadable" ? "corrupt" : result.state,
      entries: result.entries,
      raw: result.raw
    };
  }

  function copyToClipboard(text) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      try {
        return navigator.clipboard.writeText(text);
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return Promise.reject(new Error("no clipboard"));
  }

  function MyQuestions(root) {
    this.root = root;
    this.strings = JSON.parse(root.getAttribute("data-cart-strings"));
    this.stages = JSON.parse(root.getAttribute("data-cart-stages"));
    var sources = JSON.parse(root.getAttribute("data-cart-sources") || "{}");
    this.sources = sources !== null && typeof sources === "object" ? sources : {};
    this.level = Math.min(Number(root.getAttribute("data-heading-level")) || 2, 5);
    var find = function (selector) { return root.querySelector(selector); };
    this.app = find(".cart-mq-app");
    this.alertRegion = find(".cart-mq-alert");
    this.statusRegion = find(".cart-mq-status");
    this.unreadable = find(".cart-mq-unreadable");
    this.rawText = find(".cart-mq-raw");
    this.startNewButton = find(".cart-mq-start-new");
    this.heading = find(".cart-mq-heading");
    this.emptyNote = find(".cart-mq-empty");
    this.groups = find(".cart-mq-groups");
    this.toolbar = find(".cart-mq-toolbar");
    this.clearButton = find(".cart-mq-clear");
    this.confirmPanel = find(".cart-mq-confirm");
    this.confirmText = find(".cart-mq-confirm-text");
    this.confirmYes = find(".cart-mq-confirm-yes");
    this.confirmNo = find(".cart-mq-confirm-no");
    this.copyPanel = find(".cart-mq-copy-fallback");
    this.copyText = find(".cart-mq-copy-text");
    this.form = find(".cart-mq-add");
    this.textField = find("#cart-mq-new-text");
    this.stageField = find("#cart-mq-new-stage");
    this.dateValue = find(".cart-mq-date-value");
    this.suggestions = Array.prototype.slice.call(root.querySelectorAll(".cart-mq-suggestion"));
    this.entries = [];
    this.state = "ok";
    this.lastingAlert = "";
    this.pendingConfirm = null;
    this.focusAfterRender = null;
    this.bind();
    this.enhanceSuggestions();
    this.app.hidden = false;
    root.classList.add("cart-mq-enhanced");
    this.showDate();
    this.load();
  }

  MyQuestions.prototype.bind = function () {
    var self = this;
    this.groups.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var index = Number(button.closest(".cart-mq-entry").getAttribute("data-index"));
      var action = button.getAttribute("data-action");
      if (action === "edit") self.startEdit(index);
      else if (action === "up") self.move(index, -1);
      else if (action === "down") self.move(index, 1);
      else if (action === "delete") self.remove(index);
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.addOwn();
    });
    this.root.querySelector(".cart-mq-copy").addEventListener("click", this.copy.bind(this));
    this.root.querySelector(".cart-mq-print").addEventListener("click", function () {
      self.showDate();
      window.print();
    });
    this.clearButton.addEventListener("click", this.askToClear.bind(this));
    this.confirmYes.addEventListener("click", function () { self.closeConfirm(true); });
    this.confirmNo.addEventListener("click", function () { self.closeConfirm(false); });
    this.confirmPanel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") self.closeConfirm(false);
    });
    this.root.querySelector(".cart-mq-copy-raw").addEventListener("click",
      this.copyRaw.bind(this));
    this.startNewButton.addEventListener("click", this.askToStartNew.bind(this));
    window.addEventListener("beforeprint", this.showDate.bind(this));
    window.addEventListener("storage", function (event) {
      if (self.state !== "blocked" && (event.key === store.KEY || event.key === null)) {
        self.load();
      }
    });
  };

  /* --- messages ------------------------------------------------------------------------- */

  MyQuestions.prototype.say = function (message) {
    // The same words twice still count as a change, so screen readers announce them again.
    this.statusRegion.textContent =
      this.statusRegion.textContent === message ? message + "\u00a0" : message;
  };

  MyQuestions.prototype.warn = function (message) {
    this.alertRegion.textContent = message;
  };

  MyQuestions.prototype.stageName = function (key) {
    for (var i = 0; i < this.stages.length; i += 1) {
      if (this.stages[i][0] === key) return this.stages[i][1];
    }
    return key;
  };

  MyQuestions.prototype.groupOf = function (entry) {
    var known = this.stages.some(function (stage) { return stage[0] === entry.stage; });
    return known ? entry.stage : OTHER;
  };

  MyQuestions.prototype.today = function () {
    var lang = document.documentElement.lang || undefined;
    try {
      return new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric" })
        .format(new Date());
    } catch (error) {
      return new Date().toDateString();
    }
  };

  MyQuestions.prototype.showDate = function () {
    this.dateValue.textContent = this.today();
  };

  /* --- reading and changing the list ------------------------------------------------------- */

  MyQuestions.prototype.load = function () {
    var result = readList();
    this.state = result.state;
    this.entries = result.entries;
    this.unreadable.hidden = result.state !== "corrupt";
    if (result.state === "corrupt") {
      this.rawText.value = result.raw;
      this.startNewButton.hidden = false;
      this.lastingAlert = this.strings.storageCorrupt;
    } else if (result.state === "blocked") {
      this.lastingAlert = this.strings.storageBlocked;
    } else if (!this.entries.every(isEntry)) {
      this.lastingAlert = this.strings.someUnreadable;
    } else {
      this.lastingAlert = "";
    }
    this.warn(this.lastingAlert);
    this.render();
  };

  /* Apply a change to a copy of the list and store it; the page shows the new list only once
     it is saved, so a full or blocked storage never loses what the reader had. */
  MyQuestions.prototype.change = function (makeNext) {
    if (this.state === "corrupt") {
      this.warn(this.strings.storageCorrupt);
      return false;
    }
    var next = makeNext(this.entries.slice());
    if (this.state === "ok") {
      // save() reads what is stored first and never replaces a value it cannot read, say
      // one another tab wrote without this page hearing of it.
      var problem = store.save(next);
      if (problem === "unreadable") {
        this.focusAfterRender = null;
        this.load();
        return false;
      }
      if (problem) {
        this.focusAfterRender = null;
        this.warn(problem === "full" ? this.strings.storageFull : this.strings.storageFailed);
        return false;
      }
    }
    if (this.alertRegion.textContent !== this.lastingAlert) this.warn(this.lastingAlert);
    this.entries = next;
    this.render();
    return true;
  };

  MyQuestions.prototype.visibleIndexes = function (group) {
    var self = this;
    var indexes = [];
    this.entries.forEach(function (entry, index) {
      if (isEntry(entry) && (group === undefined || self.groupOf(entry) === group)) {
        indexes.push(index);
      }
    });
    return indexes;
  };

  MyQuestions.prototype.contains = function (text) {
    return store.contains(this.entries, text);
  };

  MyQuestions.prototype.add = function (entry) {
    if (this.contains(entry.text)) {
      this.say(format(this.strings.alreadyInList, { text: entry.text }));
      return false;
    }
    var saved = this.change(function (entries) {
      entries.push(entry);
      return entries;
    });
    if (saved) {
      this.say(format(this.strings.added, {
        text: entry.text, stage: this.stageName(this.groupOf(entry))
      }));
    }
    return saved;
  };

  MyQuestions.prototype.addOwn = function () {
    var text = this.textField.value.replace(/\s+/g, " ").trim();
    if (!text) {
      this.say(this.strings.writeFirst);
      this.textField.focus();
      return;
    }
    var added = this.add({
      text: text,
      stage: this.stageField.value,
      source: null,
      own: true,
      added: new Date().toISOString()
    });
    if (added) this.textField.value = "";
    this.textField.focus();
  };

  MyQuestions.prototype.move = function (index, delta) {
    var entry = this.entries[index];
    var group = this.groupOf(entry);
    var members = this.visibleIndexes(group);
    var target = members.indexOf(index) + delta;
    var values = { text: entry.text, stage: this.stageName(group) };
    if (target < 0 || target >= members.length) {
      this.say(format(delta < 0 ? this.strings.alreadyFirst : this.strings.alreadyLast, values));
      return;
    }
    var other = members[target];
    this.focusAfterRender = { entry: entry, action: delta < 0 ? "up" : "down" };
    var moved = this.change(function (entries) {
      entries[index] = entries[other];
      entries[other] = entry;
      return entries;
    });
    if (moved) {
      values.position = target + 1;
      values.total = members.length;
      this.say(format(this.strings.moved, values));
    }
  };

  MyQuestions.prototype.remove = function (index) {
    var entry = this.entries[index];
    var members = this.visibleIndexes(this.groupOf(entry));
    var position = members.indexOf(index);
    var neighbour = members[position + 1] !== undefined ? members[position + 1]
      : members[position - 1];
    this.focusAfterRender = neighbour !== undefined
      ? { entry: this.entries[neighbour], action: "delete" } : { element: this.heading };
    var removed = this.change(function (entries) {
      entries.splice(index, 1);
      return entries;
    });
    if (removed) this.say(format(this.strings.deleted, { text: entry.text }));
  };

  MyQuestions.prototype.startEdit = function (index) {
    var self = this;
    var entry = this.entries[index];
    var item = this.groups.querySelector('.cart-mq-entry[data-index="' + index + '"]');
    var id = "cart-mq-edit-" + index;
    var form = make("form", "cart-mq-editor");
    var textLabel = make("label", "cart-mq-label", this.strings.editLabel);
    textLabel.htmlFor = id + "-text";
    var field = make("textarea", "cart-mq-field");
    field.id = id + "-text";
    field.rows = 3;
    field.maxLength = 500;
    field.value = entry.text;
    var stageLabel = make("label", "cart-mq-label", this.strings.stageLabel);
    stageLabel.htmlFor = id + "-stage";
    var select = this.stageSelect(id + "-stage", this.groupOf(entry));
    var buttons = make("div", "cart-mq-buttons");
    var save = make("button", "cart-mq-save", this.strings.save);
    save.type = "submit";
    var cancel = makeButton("cart-mq-cancel", this.strings.cancel);
    buttons.appendChild(save);
    buttons.appendChild(cancel);
    [textLabel, field, stageLabel, select, buttons].forEach(function (node) {
      form.appendChild(node);
    });
    var stopEditing = function () {
      self.focusAfterRender = { entry: entry, action: "edit" };
      self.render();
      self.say(self.strings.editCancelled);
    };
    cancel.addEventListener("click", stopEditing);
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape") stopEditing();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.saveEdit(entry, field, select.value);
    });
    item.textContent = "";
    item.appendChild(form);
    field.focus();
  };

  MyQuestions.prototype.saveEdit = function (entry, field, stage) {
    var text = field.value.replace(/\s+/g, " ").trim();
    if (!text) {
      this.say(this.strings.writeFirst);
      field.focus();
      return;
    }
    var index = this.entries.indexOf(entry);
    if (index < 0) {
      this.render();
      return;
    }
    var updated = {};
    Object.keys(entry).forEach(function (key) { updated[key] = entry[key]; });
    updated.text = text;
    updated.stage = stage;
    this.focusAfterRender = { entry: updated, action: "edit" };
    var saved = this.change(function (entries) {
      entries[index] = updated;
      return entries;
    });
    if (saved) this.say(this.strings.saved);
    else field.focus();
  };

  MyQuestions.prototype.stageSelect = function (id, selected) {
    var select = make("select", "cart-mq-field");
    select.id = id;
    this.stages.forEach(function (stage) {
      var option = make("option", "", stage[1]);
      option.value = stage[0];
      option.selected = stage[0] === selected;
      select.appendChild(option);
    });
    return select;
  };

  /* --- confirmation inside the page, never a browser dialog --------------------------------- */

  MyQuestions.prototype.askToConfirm = function (message, yesLabel, after, onYes, returnTo) {
    this.confirmText.textContent = message;
    this.confirmYes.textContent = yesLabel;
    after.parentNode.insertBefore(this.confirmPanel, after.nextSibling);
    this.confirmPanel.hidden = false;
    this.pendingConfirm = { onYes: onYes, returnTo: returnTo };
    this.confirmNo.focus();
  };

  MyQuestions.prototype.closeConfirm = function (confirmed) {
    var pending = this.pendingConfirm;
    if (!pending) return;
    this.pendingConfirm = null;
    this.confirmPanel.hidden = true;
    if (confirmed) {
      pending.onYes();
    } else {
      this.say(this.strings.nothingDeleted);
      pending.returnTo.focus();
    }
  };

  MyQuestions.prototype.askToClear = function () {
    var self = this;
    this.askToConfirm(this.strings.clearAsk, this.strings.clearYes, this.toolbar, function () {
      self.focusAfterRender = { element: self.heading };
      if (self.change(function () { return []; })) self.say(self.strings.cleared);
      else self.clearButton.focus();
    }, this.clearButton);
  };

  MyQuestions.prototype.askToStartNew = function () {
    var self = this;
    var buttons = this.startNewButton.parentNode;
    this.askToConfirm(this.strings.startNewAsk, this.strings.startNewYes, buttons, function () {
      var problem = store.startNew();
      if (problem) {
        self.warn(problem === "full" ? self.strings.storageFull : self.strings.storageFailed);
        self.startNewButton.focus();
        return;
      }
      self.state = "ok";
      self.entries = [];
      self.lastingAlert = "";
      self.warn("");
      self.startNewButton.hidden = true;
      self.focusAfterRender = { element: self.textField };
      self.render();
      self.say(self.strings.startedNew);
    }, this.startNewButton);
  };

  /* --- copy and print ---------------------------------------------------------------------- */

  MyQuestions.prototype.asText = function () {
    var self = this;
    var lines = [this.strings.textTitle, format(this.strings.date, { date: this.today() })];
    this.stages.forEach(function (stage) {
      var members = self.visibleIndexes(stage[0]);
      if (!members.length) return;
      lines.push("", stage[1]);
      members.forEach(function (index, position) {
        lines.push((position + 1) + ". " + self.entries[index].text);
      });
    });
    return lines.join("\n") + "\n";
  };

  MyQuestions.prototype.copy = function () {
    var self = this;
    if (!this.visibleIndexes().length) {
      this.say(this.strings.nothingToCopy);
      return;
    }
    var text = this.asText();
    copyToClipboard(text).then(function () {
      self.copyPanel.hidden = true;
      self.say(self.strings.copied);
    }, function () {
      self.copyPanel.hidden = false;
      self.copyText.value = text;
      self.copyText.focus();
      self.copyText.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      self.say(copied ? self.strings.copiedShown : self.strings.copyFallback);
    });
  };

  MyQuestions.prototype.copyRaw = function () {
    var self = this;
    copyToClipboard(this.rawText.value).then(function () {
      self.say(self.strings.rawCopied);
    }, function () {
      self.rawText.focus();
      self.rawText.select();
      self.say(self.strings.rawSelected);
    });
  };

  /* --- drawing the list ---------------------------------------------------------------- */

  MyQuestions.prototype.render = function () {
    var self = this;
    var corrupt = this.state === "corrupt";
    var count = this.visibleIndexes().length;
    this.groups.textContent = "";
    this.groups.hidden = corrupt;
    this.toolbar.hidden = corrupt;
    this.form.hidden = corrupt;
    this.emptyNote.hidden = corrupt || count > 0;
    this.root.classList.toggle("cart-mq-has-entries", !corrupt && count > 0);
    var focusTarget = this.focusAfterRender && this.focusAfterRender.element;
    var wanted = this.focusAfterRender;
    this.focusAfterRender = null;
    if (!corrupt) {
      this.stages.forEach(function (stage) {
        var members = self.visibleIndexes(stage[0]);
        if (!members.length) return;
        var headingLevel = Math.min(self.level + 1, 6);
        var heading = make("h" + headingLevel, "cart-mq-stage-heading", stage[1]);
        heading.id = "cart-mq-stage-" + stage[0];
        var list = make("ol", "cart-mq-list");
        list.setAttribute("aria-labelledby", heading.id);
        members.forEach(function (index) {
          var item = self.renderEntry(index);
          if (wanted && wanted.entry === self.entries[index]) {
            focusTarget = item.querySelector('[data-action="' + wanted.action + '"]');
          }
          list.appendChild(item);
        });
        self.groups.appendChild(heading);
        self.groups.appendChild(list);
      });
    }
    this.updateSuggestions();
    if (focusTarget) focusTarget.focus();
  };

  /* Where a saved question came from: a quiz this site still has, or null. The lookup is by
     own key only, so a stored source such as "__proto__" or "constructor" finds nothing. */
  MyQuestions.prototype.sourceOf = function (entry) {
    var key = entry.source;
    if (typeof key !== "string" || !Object.prototype.hasOwnProperty.call(this.sources, key)) {
      return null;
    }
    var source = this.sources[key];
    if (source === null || typeof source !== "object" || typeof source.url !== "string" ||
        typeof source.title !== "string") {
      return null;
    }
    return source;
  };

  MyQuestions.prototype.renderEntry = function (index) {
    var strings = this.strings;
    var entry = this.entries[index];
    var item = make("li", "cart-mq-entry");
    item.setAttribute("data-index", String(index));
    item.appendChild(make("p", "cart-mq-entry-text", entry.text));
    var origin = make("p", "cart-mq-from");
    var source = this.sourceOf(entry);
    if (entry.own) {
      origin.textContent = strings.own;
    } else if (source) {
      origin.appendChild(document.createTextNode(strings.from + " "));
      var link = make("a", "", source.title);
      link.href = source.url;
      origin.appendChild(link);
    }
    if (origin.hasChildNodes()) item.appendChild(origin);
    item.appendChild(answerLines());
    var actions = make("div", "cart-mq-buttons cart-mq-entry-actions");
    [["edit", strings.edit], ["up", strings.moveUp], ["down", strings.moveDown],
      ["delete", strings.delete]].forEach(function (action) {
      var button = makeButton("cart-mq-" + action[0], action[1], action[1] + ": " + entry.text);
      button.setAttribute("data-action", action[0]);
      actions.appendChild(button);
    });
    item.appendChild(actions);
    return item;
  };

  /* --- the suggested questions --------------------------------------------------------- */

  MyQuestions.prototype.enhanceSuggestions = function () {
    var self = this;
    this.suggestions.forEach(function (suggestion) {
      var button = makeButton("cart-mq-suggest-add", self.strings.addSuggestion);
      var actions = make("div", "cart-mq-buttons cart-mq-suggestion-actions");
      actions.appendChild(button);
      suggestion.appendChild(actions);
      button.addEventListener("click", function () {
        self.add({
          text: suggestion.getAttribute("data-text"),
          stage: suggestion.getAttribute("data-stage"),
          source: suggestion.getAttribute("data-source"),
          own: false,
          added: new Date().toISOString()
        });
      });
    });
  };

  MyQuestions.prototype.updateSuggestions = function () {
    var self = this;
    this.suggestions.forEach(function (suggestion) {
      var text = suggestion.getAttribute("data-text");
      var inList = self.contains(text);
      var button = suggestion.querySelector(".cart-mq-suggest-add");
      var label = inList ? self.strings.inList : self.strings.addSuggestion;
      button.textContent = label;
      button.setAttribute("aria-label", label + ": " + text);
      suggestion.classList.toggle("cart-mq-in-list", inList);
    });
  };

  var started = false;

  function enhance() {
    var module = window.cartStorage;
    if (started || !module || typeof module.read !== "function") return;
    started = true;
    store = module;
    Array.prototype.forEach.call(document.querySelectorAll(".cart-my-questions"), function (root) {
      new MyQuestions(root); // eslint-disable-line no-new
    });
  }

  function start() {
    var roots = document.querySelectorAll(".cart-my-questions");
    if (roots.length === 0) return;
    if (window.cartStorage) enhance();
    // Could not start (no storage module): drop the room the stylesheet kept for the list's
    // controls, so the page keeps its no-script form.
    if (!started) {
      Array.prototype.forEach.call(roots, function (root) { root.classList.add("cart-mq-static"); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
