/** The "République Française" block of the header and footer. */
export function MarqueEtat() {
  return (
    <>
      République
      <br />
      Française
    </>
  );
}
