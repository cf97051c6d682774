// The briefing's tables (briefing.outputs.tables_html), set up at each draw. The columns marked
// "fold" fold into each row's details, rightmost first, while the table is wider than its box
// or its rows are taller than TALL on average (long text squeezed into narrow columns), and
// all of them on a phone, where each row reads as a card of "label  value" lines
// (tables.css): every cell carries its column's title for that.
(function () {
  "use strict";
  const phone = window.matchMedia("(max-width: 600px)");
  const TALL = 150; // px, about seven lines
  const known = new WeakSet();
  let fitting = false;

  function toggle(button, open) {
    button.setAttribute("aria-expanded", String(open));
    // Its two words in the page's language, carried by the button (tables_html.control_button).
    const words = button.dataset;
    button.querySelector(".row-more-text").textContent = open
      ? words.less || "Less"
      : words.more || "More";
  }

  function close(row) {
    row.child.hide();
    const button = row.node().querySelector("button.row-more");
    if (button) toggle(button, false);
  }

  // The folded cells of a row, each under its column's title. A cell holds the HTML the
  // notebook escaped (tables_html), so it is shown as it is in the table.
  function details(api, index) {
    const box = document.createElement("div");
    box.className = "row-fields";
    api.columns(".fold").every(function (column) {
      if (this.visible()) return;
      const line = document.createElement("div");
      line.className = "row-field";
      const label = document.createElement("span");
      label.className = "row-label";
      label.textContent = this.title();
      const value = document.createElement("span");
      value.innerHTML = api.cell(index, column).data();
      line.append(label, " ", value);
      box.append(line);
    });
    return box;
  }

  function fit(api) {
    const folds = api.columns(".fold").indexes().toArray();
    if (!folds.length || fitting) return;
    fitting = true;
    const table = api.table().node();
    api.rows().every(function () {
      if (this.child.isShown()) close(this);
    });
    api.column(0).visible(true, false);
    api.columns(folds).visible(true, false);
    if (phone.matches) {
      api.columns(folds).visible(false, false);
    } else {
      const box = table.parentElement;
      const rows = Math.max(1, api.rows({ page: "current" }).count());
      const crowded = () =>
        table.offsetWidth > box.clientWidth + 1 || table.tBodies[0].offsetHeight / rows > TALL;
      for (let i = folds.length - 1; i >= 0 && crowded(); i--) {
        api.column(folds[i]).visible(false, false);
      }
    }
    api.column(0).visible(folds.some((column) => !api.column(column).visible()), false);
    api.columns.adjust();
    fitting = false;
  }

  function setUp(api) {
    const table = api.table().node();
    known.add(table);
    api.table().body().addEventListener("click", (event) => {
      const button = event.target.closest("button.row-more");
      if (!button) return;
      const row = api.row(button.closest("tr"));
      if (row.child.isShown()) {
        close(row);
      } else {
        row.child(details(api, row.index()), "row-details").show();
        toggle(button, true);
      }
    });
    let pending = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => fit(api));
    });
    // A table in a closed "Data and sources" block has no width until the block opens.
    const block = table.closest("details");
    if (block) block.addEventListener("toggle", () => block.open && fit(api));
  }

  window.briefingTable = function (api) {
    if (fitting) return;
    api.cells(null, null, { page: "current" }).every(function () {
      const node = this.node();
      if (node && !node.dataset.label) node.dataset.label = api.column(this.index().column).title();
    });
    if (!known.has(api.table().node())) setUp(api);
    fit(api);
  };
})();
