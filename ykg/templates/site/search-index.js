// Search index of the ykg site: one entry per resource.
window.YKG_INDEX = {{ index|script_json }};
